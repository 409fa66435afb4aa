using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using V2gActors.Engine.Fleets.Layout;
using V2gActors.Engine.Stations;

namespace V2gActors.Engine.Fleets;

/// <summary>
/// The fleet's layout (sites, transformers, connections, chargers: configured, then changed at runtime and journaled),
/// the station entities it keeps told which fleet they belong to, metered power relayed from them, target expiry and
/// re-allocation when members come and go.
/// </summary>
public sealed partial class FleetActor : IWithTimers
{
    private sealed record TargetExpired(string DispatchId) : INoSerializationVerificationNeeded;

    private sealed record RedispatchActiveTarget : INoSerializationVerificationNeeded
    {
        public static RedispatchActiveTarget Instance { get; } = new();
    }

    private const string ExpiryTimer = "target-expiry";
    private const string RedispatchTimer = "redispatch";

    /// <summary>Members joining or leaving within this window are re-allocated together, not one dispatch each.</summary>
    private static readonly TimeSpan MembershipSettle = TimeSpan.FromSeconds(1);

    private readonly IActorRef? _stations;
    private ImmutableArray<string> _lastViolated = [];

    public ITimerScheduler Timers { get; set; } = null!;

    private void LayoutCommands()
    {
        Command<ApplyFleetLayout>(apply =>
        {
            if (apply.Layout.Revision <= _state.Layout.Revision) Sender.Tell(LayoutUpdated());
            else ChangeLayout(new FleetLayoutApplied(apply.Layout, _clock.GetUtcNow()));
        });
        Command<AssignChargerToFleet>(a => ChangeLayout(new FleetChargerAssigned(a.StationId, a.Node, _clock.GetUtcNow())));
        Command<RemoveChargerFromFleet>(r => ChangeLayout(new FleetChargerRemoved(r.StationId, _clock.GetUtcNow())));
        Command<SetFleetLimit>(s => ChangeLayout(new FleetLimitSet(s.Node, _clock.GetUtcNow())));
        Command<StationAssigned>(_ => { });
        Command<TargetExpired>(OnTargetExpired);
        Command<RedispatchActiveTarget>(_ => OnRedispatch());
    }

    // ---- layout (durable before confirmed) ----------------------------------------------------------------------

    private void ChangeLayout(IFleetLayoutEvent change)
    {
        var before = _state.Layout;
        if (change.ApplyTo(before).Validate() is { } reason)
        {
            Sender.Tell(new FleetLayoutRefused(_fleetId, reason));
            return;
        }
        var replyTo = Sender;
        Persist(change, e =>
        {
            _state = _state.Apply(e);
            AfterPersist();
            TellStations(before, _state.Layout);
            replyTo.Tell(LayoutUpdated());
        });
    }

    /// <summary>Station entities answer EV needs with the fleet they belong to: keep them told (idempotent on their side).</summary>
    private void TellStations(FleetLayout before, FleetLayout after)
    {
        if (_stations is null) return;
        foreach (var removed in before.Stations.Where(s => !after.Contains(s.StationId)))
            _stations.Tell(new AssignStation(removed.StationId, null, _fleetId));
        foreach (var added in after.Stations.Where(s => !before.Contains(s.StationId)))
            _stations.Tell(new AssignStation(added.StationId, _fleetId));
    }

    private FleetLayoutUpdated LayoutUpdated() =>
        new(_fleetId, _state.Layout.Revision, _state.Layout.Stations.Length, _state.Layout.Nodes.Length, LastSequenceNr);

    private void AfterRecovery()
    {
        // A crash may have cut the fan-out of the last layout change: repeat it (station entities ignore what they know).
        TellStations(FleetLayout.Empty, _state.Layout);
        if (_state.ActiveTarget?.Until is { } until && until <= _clock.GetUtcNow()) Self.Tell(new TargetExpired(_state.ActiveTarget.DispatchId));
        else ScheduleExpiry();
    }

    // ---- metered power ------------------------------------------------------------------------------------------

    private void OnMeterReading(FleetMeterReading reading)
    {
        if (!_memberEvses.Contains((reading.StationId, reading.EvseId)) || !double.IsFinite(reading.PowerW)) return;
        _metered[(reading.StationId, reading.EvseId)] = (reading.PowerW, reading.At);
    }

    /// <summary>When each member's charger last reported metered power (the allocator freezes members gone quiet).</summary>
    private Dictionary<string, DateTimeOffset> HeardAt()
    {
        var heard = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var m in _state.Members.Values)
            if (_metered.TryGetValue((m.Bounds.StationId, m.Bounds.EvseId), out var v)) heard[m.Bounds.SessionId] = v.At;
        return heard;
    }

    // ---- target expiry and membership changes -------------------------------------------------------------------

    private void ScheduleExpiry()
    {
        if (_state.ActiveTarget is { Until: { } until } target)
            Timers.StartSingleTimer(ExpiryTimer, new TargetExpired(target.DispatchId), Max(until - _clock.GetUtcNow(), TimeSpan.Zero));
        else
            Timers.Cancel(ExpiryTimer);
    }

    /// <summary>A target with a duration ended: revert to the last open-ended target, else to the layout's default.</summary>
    private void OnTargetExpired(TargetExpired expired)
    {
        if (_state.ActiveTarget?.DispatchId != expired.DispatchId) return;
        var revertW = _state.BaseTarget?.TargetW ?? _state.Layout.DefaultTargetW;
        _log.Info("fleet {0}: target of {1} ended; reverting to {2:0} W", _fleetId, expired.DispatchId, revertW);
        Self.Tell(new DispatchFleetTarget(_fleetId, revertW, null, $"revert:{expired.DispatchId}"), ActorRefs.Nobody);
    }

    /// <summary>Members came or went while a target is held: re-allocate it over who is there now (once per settle window).</summary>
    private void RedispatchSoon()
    {
        if (_state.ActiveTarget is not null && !Timers.IsTimerActive(RedispatchTimer))
            Timers.StartSingleTimer(RedispatchTimer, RedispatchActiveTarget.Instance, MembershipSettle);
    }

    private void OnRedispatch()
    {
        if (_state.ActiveTarget is not { } target) return;
        TimeSpan? remaining = target.Until is { } until ? until - _clock.GetUtcNow() : null;
        if (remaining <= TimeSpan.Zero) return; // expiry reverts it
        Self.Tell(new DispatchFleetTarget(_fleetId, target.TargetW, remaining, target.Source), ActorRefs.Nobody);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
