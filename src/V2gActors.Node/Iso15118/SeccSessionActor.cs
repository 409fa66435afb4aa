using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using V2gActors.Engine.Sessions;
using V2gActors.Iso15118.Secc;

namespace V2gActors.Node.Iso15118;

/// <summary>
/// Binds one SECC connection (local to this node) to its sharded <see cref="VehicleSessionActor"/>: the EV's bounds go
/// out as <see cref="RegisterVehicleSession"/> (which joins the fleet), the fleet's setpoints come back as pushed
/// <see cref="SessionSetpointChanged"/> and land in the connection's <see cref="SeccSessionContext"/>, where the
/// charge loop reads them without waiting. When the SECC session ends the vehicle session leaves its fleet.
/// </summary>
public sealed class SeccSessionActor : ReceiveActor, IWithTimers
{
    /// <summary>From the connection's thread (the bounds sink): what the EV revealed.</summary>
    public sealed record BoundsLearned(EvBounds Bounds) : INoSerializationVerificationNeeded;

    private sealed record SessionFinished(SeccSessionEnd End) : INoSerializationVerificationNeeded;

    private sealed record Refresh : INoSerializationVerificationNeeded
    {
        public static Refresh Instance { get; } = new();
    }

    private readonly SeccLiveSession _live;
    private readonly SeccBinding _binding;
    private readonly EvseLimits _evse;
    private readonly IActorRef _sessions;
    private readonly TimeSpan _boundsRefresh;
    private readonly TimeSpan _watchRefresh;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private SessionBounds? _registered;
    private SessionBounds? _pending;
    private bool _watching;
    private DateTimeOffset _lastWatch;

    public SeccSessionActor(SeccLiveSession live, SeccBinding binding, EvseLimits evse, IActorRef sessions, TimeSpan boundsRefresh, TimeSpan watchRefresh)
    {
        _live = live;
        _binding = binding;
        _evse = evse;
        _sessions = sessions;
        _boundsRefresh = boundsRefresh;
        _watchRefresh = watchRefresh;

        Receive<BoundsLearned>(OnBounds);
        Receive<VehicleSessionRegistered>(_ => StartWatching());
        Receive<VehicleSessionRejected>(r => _log.Warning("SECC session {0}: the vehicle session refused the EV's bounds: {1}", r.SessionId, r.Reason));
        Receive<SessionSetpointChanged>(OnSetpoint);
        Receive<Refresh>(_ => OnRefresh());
        Receive<SessionFinished>(OnFinished);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SeccLiveSession live, SeccBinding binding, EvseLimits evse, IActorRef sessions, TimeSpan boundsRefresh, TimeSpan watchRefresh) =>
        Akka.Actor.Props.Create(() => new SeccSessionActor(live, binding, evse, sessions, boundsRefresh, watchRefresh));

    protected override void PreStart()
    {
        _live.Context.Completion.PipeTo(Self, success: end => new SessionFinished(end));
        Timers.StartPeriodicTimer("refresh", Refresh.Instance, _boundsRefresh);
    }

    private void OnBounds(BoundsLearned learned)
    {
        var next = SeccBoundsMapping.ToSessionBounds(_live.SessionId, _binding, _evse, learned.Bounds, DateTimeOffset.UtcNow);
        if (next is null) return;
        if (SeccBoundsMapping.ChangesAllocation(_registered, next)) Register(next);
        else _pending = next;
    }

    private void Register(SessionBounds bounds)
    {
        _registered = bounds;
        _pending = null;
        _sessions.Tell(new RegisterVehicleSession(bounds), Self);
    }

    private void StartWatching()
    {
        if (_watching) return;
        _watching = true;
        Watch();
    }

    private void Watch()
    {
        _lastWatch = DateTimeOffset.UtcNow;
        _sessions.Tell(new WatchSessionSetpoint(_live.SessionId), Self);
    }

    private void OnSetpoint(SessionSetpointChanged changed)
    {
        if (changed.SessionId != _live.SessionId) return;
        _live.Context.UpdateSetpoint(new SeccSetpoint(changed.SetpointW));
        _live.SetpointApplied(changed.SetpointW, changed.DispatchId, Stopwatch.GetTimestamp());
    }

    private void OnRefresh()
    {
        if (_pending is { } pending) Register(pending);
        if (_watching && DateTimeOffset.UtcNow - _lastWatch >= _watchRefresh) Watch();
    }

    private void OnFinished(SessionFinished finished)
    {
        if (_registered is not null)
        {
            _sessions.Tell(new UnwatchSessionSetpoint(_live.SessionId), Self);
            _sessions.Tell(new EndVehicleSession(_live.SessionId, $"{finished.End.Reason}: {finished.End.Detail}"), Self);
        }
        _live.Ended(finished.End);
        Context.Stop(Self);
    }
}

/// <summary>Hands the EV's bounds from the connection's thread to the session's actor (Tell, never blocks).</summary>
internal sealed class BoundsForwarder : IVehicleBoundsSink
{
    public IActorRef Target { get; set; } = ActorRefs.Nobody;

    public void BoundsLearned(EvBounds bounds) => Target.Tell(new SeccSessionActor.BoundsLearned(bounds));
}
