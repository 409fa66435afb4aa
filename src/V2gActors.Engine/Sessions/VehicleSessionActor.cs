using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Persistence;

namespace V2gActors.Engine.Sessions;

/// <summary>
/// One EV at one EVSE, sharded by session id and event-sourced (<c>vehicle-session-{id}</c>): holds the bounds the
/// vehicle allows and the setpoint the fleet last gave it, and keeps its fleet's membership up to date until the session
/// ends (<c>VehicleSessionActor.Lifecycle.cs</c>). A setpoint takes effect at once (watchers, view) and only the latest
/// one is journaled, <see cref="SetpointJournalDelay"/> later: during a frequency event a session may get a setpoint every
/// few hundred milliseconds, and a journal write per session per dispatch would put the database on the dispatch path.
/// The fleet's dispatch log holds every setpoint durably; what a crash can cost here is the last few seconds of them.
/// </summary>
public sealed partial class VehicleSessionActor : ReceivePersistentActor, IWithTimers
{
    private sealed record JournalHeldSetpoint : INoSerializationVerificationNeeded
    {
        public static JournalHeldSetpoint Instance { get; } = new();
    }

    private const string SetpointJournalTimer = "journal-setpoint";

    /// <summary>How long the latest setpoint waits for newer ones before it is journaled (see <see cref="WriteBehind"/>).</summary>
    internal static readonly TimeSpan SetpointJournalDelay = TimeSpan.FromSeconds(5);

    private readonly string _sessionId;
    private readonly IActorRef _fleets;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private VehicleSessionState _state = VehicleSessionState.Empty;
    private readonly SetpointWatchers _watchers = new();

    public VehicleSessionActor(string sessionId, IActorRef fleets, int snapshotEvery = DefaultSnapshotEvery)
    {
        _sessionId = sessionId;
        _fleets = fleets;
        _snapshotEvery = Math.Max(1, snapshotEvery);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is VehicleSessionState snapshot) _state = snapshot;
        });
        Recover<IVehicleSessionEvent>(e => _state = _state.Apply(e));

        Command<RegisterVehicleSession>(OnRegister);
        Command<HoldSessionSetpoint>(hold =>
        {
            // Watching SECC sessions get it before the journal does: the charge loop must never wait on the database.
            _watchers.Push(new SessionSetpointChanged(_sessionId, hold.DispatchId, hold.SetpointW, hold.At), Self);
            var held = new VehicleSessionSetpointHeld(hold.DispatchId, hold.SetpointW, hold.At);
            var first = _state.HeldDispatchId is null;
            _state = _state.Apply(held);
            _unjournaledSetpoint = held;
            // The session's first setpoint is journaled at once: after a crash it recovers holding one, not none.
            if (first) JournalLatestSetpoint();
            else if (!Timers.IsTimerActive(SetpointJournalTimer))
                Timers.StartSingleTimer(SetpointJournalTimer, JournalHeldSetpoint.Instance, WriteBehind.Delay(SetpointJournalDelay));
        });
        Command<JournalHeldSetpoint>(_ => JournalLatestSetpoint());
        Command<WatchSessionSetpoint>(_ => _watchers.Add(Sender, _watchers.Latest ?? HeldNow(), Context));
        Command<UnwatchSessionSetpoint>(_ => _watchers.Remove(Sender, Context));
        Command<Terminated>(t => _watchers.Remove(t.ActorRef, Context));
        Command<GetVehicleSessionState>(_ => Sender.Tell(View()));
        Command<EndVehicleSession>(OnEnd);
        Command<RecordEvChargingSchedule>(OnEvSchedule);
        HandleSnapshotReplies();
        Command<FleetMemberConfirmed>(_ => { });
        Command<FleetMemberRefused>(r => _log.Warning("{0}: fleet {1} refused the session: {2}", _sessionId, r.FleetId, r.Reason));
        // Setpoints are persisted async: journal the latest, and stop after it is written.
        Command<StopVehicleSession>(stop =>
        {
            JournalLatestSetpoint();
            DeferAsync(stop, _ => Context.Stop(Self));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Already applied to the state, not yet journaled (at most one: a newer setpoint replaces it).</summary>
    private VehicleSessionSetpointHeld? _unjournaledSetpoint;

    private void JournalLatestSetpoint()
    {
        if (_unjournaledSetpoint is not { } held) return;
        _unjournaledSetpoint = null;
        Timers.Cancel(SetpointJournalTimer);
        // PersistAsync: nobody waits for this record; the state already holds it (Apply is idempotent on replay).
        PersistAsync(held, _ => SnapshotNow());
    }

    public override string PersistenceId => PersistenceIdFor(_sessionId);

    public static string PersistenceIdFor(string sessionId) => $"vehicle-session-{sessionId}";

    public static Props Props(string sessionId, IActorRef fleets, int snapshotEvery = DefaultSnapshotEvery) =>
        Akka.Actor.Props.Create(() => new VehicleSessionActor(sessionId, fleets, snapshotEvery));

    private void OnRegister(RegisterVehicleSession register)
    {
        var bounds = register.Bounds;
        if ((bounds.Validate() ?? _state.RefuseRebinding(bounds) ?? RefuseIfEnded()) is { } reason)
        {
            Sender.Tell(new VehicleSessionRejected(_sessionId, reason));
            return;
        }

        var replyTo = Sender;
        Persist(new VehicleSessionBoundsRecorded(bounds), e =>
        {
            _state = _state.Apply(e);
            // Every bounds change goes to the fleet: it allocates from its own copy, without a round trip per dispatch.
            _fleets.Tell(new JoinFleet(bounds.FleetId, bounds), Self);
            replyTo.Tell(new VehicleSessionRegistered(_sessionId, bounds.FleetId, LastSequenceNr));
            SnapshotNow();
        });
    }

    private SessionSetpointChanged HeldNow() =>
        new(_sessionId, _state.HeldDispatchId, _state.HeldSetpointW ?? 0, _state.HeldSince ?? DateTimeOffset.UtcNow);

    private VehicleSessionView View() =>
        new(_sessionId, _state.Bounds, _state.HeldSetpointW, _state.HeldDispatchId, _state.HeldSince, LastSequenceNr)
        {
            EndedAt = _state.EndedAt, EndReason = _state.EndReason, EvScheduleTimeBase = _state.EvScheduleTimeBase,
        };
}
