using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Stations;
using V2gActors.Engine.Fleets.Layout;

namespace V2gActors.Engine.Fleets;

/// <summary>
/// One fleet, sharded by fleet id and event-sourced (<c>fleet-{id}</c>, snapshots). On a target it allocates
/// (<see cref="FleetDispatchPlanner"/>), sends every charger its frame and every session its setpoint at once, and only
/// then journals the dispatch beside it (<c>PersistAsync</c>): a target reaches the chargers without waiting for the
/// database. Acknowledgements close the loop: each is journaled into the dispatch log, and once every frame of a
/// dispatch is answered, what the refusing chargers did not take is re-allocated over the others (one extra round).
/// Metered power of the members' EVSEs (<see cref="FleetMeterReading"/>s relayed from the station entities) adds up
/// to the fleet's actual power. Layout, meter readings and target expiry: <c>FleetActor.Layout.cs</c>.
/// </summary>
public sealed partial class FleetActor : ReceivePersistentActor
{
    /// <summary>The answer to one frame: the charger entity's, or none within the ack timeout (local only).</summary>
    private sealed record FrameAnswered(
        string DispatchId, int Round, string SessionId, string Action, double SetpointW,
        ChargerCommandCompleted? Completed, string? Failure) : INoSerializationVerificationNeeded;

    private readonly string _fleetId;
    private readonly FleetSettings _settings;
    private readonly IActorRef _chargers;
    private readonly IActorRef _sessions;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<(string Station, int Evse), (double W, DateTimeOffset At)> _metered = [];
    private HashSet<(string Station, int Evse)> _memberEvses = [];
    private FleetState _state = FleetState.Empty;
    private int _unpersisted;
    private int _sinceSnapshot;

    public FleetActor(string fleetId, FleetSettings settings, IActorRef chargers, IActorRef sessions, TimeProvider? clock = null,
        IActorRef? stations = null)
    {
        _fleetId = fleetId;
        _settings = settings;
        _chargers = chargers;
        _sessions = sessions;
        _clock = clock ?? TimeProvider.System;
        _stations = stations;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is FleetState snapshot) _state = snapshot;
        });
        Recover<IFleetEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            IndexMembers();
            AfterRecovery();
        });

        Command<FleetMeterReading>(OnMeterReading);
        AcknowledgementCommands();
        // Everything below reads or changes what gathered frame answers affect: fold them in first.
        Command<object>(command =>
        {
            FlushAnswers();
            return false;
        });
        Command<DispatchFleetTarget>(OnDispatch);
        LayoutCommands();
        Command<JoinFleet>(OnJoin);
        Command<LeaveFleet>(OnLeave);
        Command<GetFleetState>(_ => Sender.Tell(View()));
        // PersistAsync does not stash commands: stop only after the journal answered everything already emitted.
        Command<StopFleet>(stop => DeferAsync(stop, _ => Context.Stop(Self)));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("fleet {0}: snapshot failed: {1}", _fleetId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("fleet {0}: deleting old snapshots failed: {1}", _fleetId, f.Cause.Message));
    }

    public override string PersistenceId => PersistenceIdFor(_fleetId);

    public static string PersistenceIdFor(string fleetId) => $"fleet-{fleetId}";

    public static Props Props(string fleetId, FleetSettings settings, IActorRef chargers, IActorRef sessions, TimeProvider? clock = null,
        IActorRef? stations = null) =>
        Akka.Actor.Props.Create(() => new FleetActor(fleetId, settings, chargers, sessions, clock, stations));

    // ---- membership (durable before confirmed) ------------------------------------------------------------------

    private void OnJoin(JoinFleet join)
    {
        var member = join.Member;
        var reason = member.FleetId != _fleetId ? $"the session belongs to fleet {member.FleetId}" : member.Validate();
        if (reason is not null)
        {
            Sender.Tell(new FleetMemberRefused(_fleetId, member.SessionId, reason));
            return;
        }
        var replyTo = Sender;
        var isNew = !_state.Members.ContainsKey(member.SessionId);
        Persist(new FleetMemberJoined(member, _clock.GetUtcNow()), e =>
        {
            _state = _state.Apply(e);
            IndexMembers();
            if (isNew) RedispatchSoon();
            // A session at a station outside the layout (an ISO 15118 session, a direct registration) still needs that
            // station's metered power, or it would be frozen as silent: have the station relay its meter values here.
            if (isNew && _stations is not null && !_state.Layout.Contains(member.StationId))
                _stations.Tell(new AssignStation(member.StationId, _fleetId));
            AfterPersist();
            replyTo.Tell(new FleetMemberConfirmed(_fleetId, member.SessionId, _state.Members.Count));
        });
    }

    private void OnLeave(LeaveFleet leave)
    {
        if (!_state.Members.ContainsKey(leave.SessionId)) return;
        Persist(new FleetMemberLeft(leave.SessionId, _clock.GetUtcNow()), e =>
        {
            _state = _state.Apply(e);
            IndexMembers();
            RedispatchSoon();
            AfterPersist();
        });
    }

    // ---- dispatch (fast path: frames first, journal beside) -----------------------------------------------------

    private void OnDispatch(DispatchFleetTarget target)
    {
        var receivedAt = _clock.GetUtcNow();
        if (!double.IsFinite(target.TargetW))
        {
            Sender.Tell(new FleetTargetRefused(_fleetId, "the target must be a finite number of watts"));
            return;
        }

        DispatchPlan plan;
        try
        {
            plan = FleetDispatchPlanner.Plan(_state, target.TargetW, receivedAt, _settings, heardAt: HeardAt());
        }
        catch (ArgumentException ex)
        {
            // Bounds are validated on join, so this is an allocator bug: cost one refused target, not the entity.
            _log.Error(ex, "fleet {0}: allocation failed", _fleetId);
            Sender.Tell(new FleetTargetRefused(_fleetId, ex.Message));
            return;
        }

        var allocatedAt = _clock.GetUtcNow();
        _lastViolated = plan.ViolatedLimits;
        var dispatchId = $"{_fleetId}-{_state.DispatchCount + 1}";
        var frames = Send(dispatchId, round: 1, plan.Frames);
        var record = new DispatchRecord(dispatchId, target.TargetW, target.Duration, target.Source, target.IngressAt ?? receivedAt,
            receivedAt, allocatedAt, plan.AllocatedW, frames, Rounds: 1);
        ApplyThenPersist(new FleetDispatchStarted(record));
        Metrics.DispatchLatencyStamps.DispatchSent(Context.System, record);
        ScheduleExpiry();
        Sender.Tell(new FleetTargetDispatched(_fleetId, dispatchId, target.TargetW, plan.AllocatedW, frames.Length));
    }

    private ImmutableArray<SetpointFrameRecord> Send(string dispatchId, int round, ImmutableArray<PlannedFrame> frames)
    {
        var records = ImmutableArray.CreateBuilder<SetpointFrameRecord>(frames.Length);
        foreach (var f in frames)
        {
            var sentAt = _clock.GetUtcNow();
            _chargers.Tell(Correlated(f, dispatchId, round));
            records.Add(new SetpointFrameRecord(f.SessionId, f.StationId, f.EvseId, f.Action, f.SetpointW, round, sentAt));
        }
        ExpectAnswers(dispatchId, round, frames.Length);
        // The sessions hear of their setpoints after every charger command is on its way: the frames are the fast path.
        foreach (var r in records) _sessions.Tell(new HoldSessionSetpoint(r.SessionId, dispatchId, r.SetpointW, r.SentAt));
        return records.MoveToImmutable();
    }

    private void OnAnswered(FrameAnswered answer)
    {
        var done = answer.Completed;
        var accepted = done is { Succeeded: true } && SetpointFrames.IsAccepted(answer.Action, done.ResultJson);
        var outcome = done is null ? "NoAnswer" : done.Succeeded ? (accepted ? "Accepted" : "Rejected") : done.Outcome.ToString();
        var detail = answer.Failure ?? done?.ErrorDescription ?? (accepted ? null : done?.ResultJson);
        var roundAnswered = Gather(new FleetFrameAcknowledged(answer.DispatchId, answer.Round, answer.SessionId, answer.Action,
            answer.SetpointW, accepted, outcome, detail, _clock.GetUtcNow()));
        if (roundAnswered) ReallocateIfRefused(answer.DispatchId);
    }

    /// <summary>
    /// Once every frame of the current dispatch's first round is answered, the sessions whose charger refused keep what
    /// they last acknowledged and the others take up the rest. One round only: a second refusal waits for the next target.
    /// </summary>
    private void ReallocateIfRefused(string dispatchId)
    {
        if (_state.ActiveTarget?.DispatchId != dispatchId || _state.FindDispatch(dispatchId) is not { Rounds: 1, AllAnswered: true } dispatch)
            return;
        var refused = dispatch.Frames.Where(f => f.Accepted != true).Select(f => f.SessionId).ToHashSet(StringComparer.Ordinal);
        if (refused.Count == 0) return;

        var plan = FleetDispatchPlanner.Plan(_state, dispatch.TargetW, _clock.GetUtcNow(), _settings, refused, HeardAt());
        if (plan.Frames.IsEmpty) return;
        var allocatedAt = _clock.GetUtcNow();
        _log.Info("fleet {0}: {1} refused {2} frame(s); re-allocating {3:0} W over {4} session(s)", _fleetId, dispatchId, refused.Count,
            dispatch.TargetW, plan.Frames.Length);
        var frames = Send(dispatchId, round: 2, plan.Frames);
        ApplyThenPersist(new FleetDispatchReallocated(dispatchId, 2, allocatedAt, plan.AllocatedW, frames));
    }

    // ---- persistence helpers ------------------------------------------------------------------------------------

    /// <summary>Applies now (later commands see it) and journals beside; <see cref="FleetState.Apply"/> is idempotent.</summary>
    private void ApplyThenPersist(IFleetEvent e)
    {
        _state = _state.Apply(e);
        _unpersisted++;
        PersistAsync(e, _ =>
        {
            _unpersisted--;
            AfterPersist();
        });
    }

    private void AfterPersist()
    {
        // Only snapshot when everything applied is journaled, so the snapshot never runs ahead of its sequence number.
        if (++_sinceSnapshot < _settings.SnapshotEvery || _unpersisted > 0) return;
        _sinceSnapshot = 0;
        SaveSnapshot(_state);
    }

    private void IndexMembers()
    {
        _memberEvses = [.. _state.Members.Values.Select(m => (m.Bounds.StationId, m.Bounds.EvseId))];
        foreach (var stale in _metered.Keys.Where(k => !_memberEvses.Contains(k)).ToList()) _metered.Remove(stale);
        Context.System.EventStream.Publish(new Grid.FleetMembershipChanged(_fleetId)); // pre-positioning hook (Grid/LocalFrequencyActor)
    }

    private FleetStateView View()
    {
        var members = _state.Members.Values
            .OrderBy(m => m.Bounds.SessionId, StringComparer.Ordinal)
            .Select(m =>
            {
                var metered = _metered.TryGetValue((m.Bounds.StationId, m.Bounds.EvseId), out var v) ? v : ((double W, DateTimeOffset At)?)null;
                return new FleetMemberView(m.Bounds, m.HeldSetpointW, m.CommandedSetpointW, m.ProfileInstalled, metered?.W, metered?.At);
            })
            .ToImmutableArray();
        var latest = _state.Dispatches.Count > 0 ? _state.Dispatches[^1] : null;
        return new FleetStateView(
            _fleetId,
            _state.ActiveTarget?.TargetW,
            latest?.AllocatedW,
            members.Sum(m => m.HeldSetpointW),
            _metered.Count == 0 ? null : _metered.Values.Sum(v => v.W),
            _state.ActiveTarget,
            members,
            [.. _state.Dispatches],
            LastSequenceNr) with
        {
            Layout = _state.Layout,
            ViolatedLimits = _lastViolated,
        };
    }
}
