using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;

namespace V2gActors.Engine.Fleets.Layout;

/// <summary>
/// One per node, at start: hands every configured fleet its layout (<see cref="ApplyFleetLayout"/>; a fleet ignores a
/// revision it already holds) and retries until each fleet answered, because sharding may still be forming. Starting
/// the fleets this way also lets them re-tell their station entities which fleet those belong to. It stays (idle) once
/// done, so late answers to retries are not dead letters.
/// </summary>
public sealed class FleetLayoutSeeder : ReceiveActor, IWithTimers
{
    private sealed record Retry : INoSerializationVerificationNeeded
    {
        public static Retry Instance { get; } = new();
    }

    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    private readonly IActorRef _fleets;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, FleetLayout> _pending;

    public FleetLayoutSeeder(IActorRef fleets, ImmutableArray<ConfiguredFleet> configured)
    {
        _fleets = fleets;
        _pending = configured.ToDictionary(f => f.FleetId, f => f.Layout, StringComparer.Ordinal);

        Receive<FleetLayoutUpdated>(updated =>
        {
            if (_pending.Remove(updated.FleetId))
                _log.Info("fleet {0}: layout revision {1}, {2} charger(s), {3} limit(s)", updated.FleetId, updated.Revision, updated.Stations, updated.Limits);
        });
        Receive<FleetLayoutRefused>(refused =>
        {
            // The configuration was validated at start, so this is a layout that no longer fits the fleet's journal.
            _log.Error("fleet {0}: configured layout refused: {1}", refused.FleetId, refused.Reason);
            _pending.Remove(refused.FleetId);
        });
        Receive<Retry>(_ => SendPending());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef fleets, ImmutableArray<ConfiguredFleet> configured) =>
        Akka.Actor.Props.Create(() => new FleetLayoutSeeder(fleets, configured));

    protected override void PreStart() => SendPending();

    private void SendPending()
    {
        foreach (var (fleetId, layout) in _pending) _fleets.Tell(new ApplyFleetLayout(fleetId, layout));
        if (_pending.Count > 0) Timers.StartSingleTimer(Retry.Instance, Retry.Instance, RetryEvery);
    }
}
