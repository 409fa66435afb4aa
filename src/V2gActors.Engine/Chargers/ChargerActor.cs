using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using V2gActors.Engine.Chargers.Der;
using V2gActors.Engine.Connections;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// One charging station, sharded by station id and event-sourced (<c>charger-{stationId}</c>). It answers the
/// charger's CALLs after their events are journaled (acknowledged ⇒ durable), routes CSMS commands to the station's
/// current connection, and passivates itself once the station has been offline for a while, so remember-entities
/// only keeps connected chargers alive.
/// </summary>
public sealed partial class ChargerActor : ReceivePersistentActor, IWithTimers
{
    private sealed record PassivateIfStillOffline
    {
        public static PassivateIfStillOffline Instance { get; } = new();
    }

    private const string PassivationTimer = "passivate";

    private readonly string _stationId;
    private readonly ChargerSettings _settings;
    private readonly TimeProvider _clock;
    private readonly IActorRef? _stations;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private ChargerState _state = ChargerState.Empty;
    private IActorRef? _connection;
    private string? _connectionId;
    private OcppVersion? _version;
    private DateTimeOffset? _lastHeartbeatAt;

    /// <summary>The CALL whose events are being journaled (one at a time: PersistAll stashes the rest).</summary>
    private OcppCallReceived? _callBeingPersisted;

    /// <param name="stations">The station-dispatch region, which answers EV charging needs/schedules (null: NotSupported).</param>
    public ChargerActor(string stationId, ChargerSettings settings, TimeProvider? clock = null, IActorRef? stations = null)
    {
        _stationId = stationId;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        _stations = stations;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ChargerState snapshot) _state = snapshot;
        });
        Recover<IChargerEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => SchedulePassivationIfOffline());

        Command<OcppCallReceived>(OnCall);
        Command<SendChargerCommand>(OnCommand);
        Command<CommandResultObserved>(OnCommandResult);
        Command<GetDerState>(_ => Sender.Tell(DerStateView.Of(_stationId, _state.Der)));
        Command<ChargerConnected>(OnConnected);
        Command<ChargerDisconnected>(d =>
        {
            // Only the current socket's close counts: a late close of a replaced socket must not take a newer one offline.
            if (d.ConnectionId == _connectionId) GoOffline("closed");
        });
        Command<Terminated>(t =>
        {
            // The connection actor died without a close (its node crashed): same as a close of that socket.
            if (t.ActorRef.Equals(_connection)) GoOffline("connection actor terminated");
        });
        Command<GetChargerState>(_ => Sender.Tell(View()));
        ReceiveSmartCharging();
        Command<ChargerCommandCompleted>(done => _log.Info("{0}: {1} → {2} {3}{4}", _stationId, done.Action, done.Outcome,
            done.ErrorCode, done.ErrorDescription));
        Command<PassivateIfStillOffline>(_ =>
        {
            if (_connection is null) Context.Parent.Tell(new Passivate(StopCharger.Instance));
        });
        Command<StopCharger>(StopAfterJournaling);
        Command<SaveSnapshotSuccess>(s =>
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("{0}: snapshot failed: {1}", _stationId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("{0}: deleting old snapshots failed: {1}", _stationId, f.Cause.Message));
    }

    public override string PersistenceId => PersistenceIdFor(_stationId);

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string stationId) => $"charger-{stationId}";

    public static Props Props(string stationId, ChargerSettings settings, TimeProvider? clock = null, IActorRef? stations = null) =>
        Akka.Actor.Props.Create(() => new ChargerActor(stationId, settings, clock, stations));

    private void OnConnected(ChargerConnected connected)
    {
        if (connected.Connection.Equals(_connection)) return; // announced again (this entity moved): nothing changed
        if (_connection is not null && !_connection.Equals(connected.Connection)) Context.Unwatch(_connection);
        _connection = connected.Connection;
        _connectionId = connected.ConnectionId;
        _version = connected.Version;
        Context.Watch(_connection);
        Timers.Cancel(PassivationTimer);
        Publish(new ChargerConnectivityNotice(_stationId, true, connected.ConnectionId));
    }

    private void GoOffline(string why)
    {
        var connectionId = _connectionId!;
        if (_connection is not null) Context.Unwatch(_connection);
        _connection = null;
        _connectionId = null;
        _log.Info("{0}: offline ({1})", _stationId, why);
        DropWaitingSetpoints();
        Publish(new ChargerConnectivityNotice(_stationId, false, connectionId));
        SchedulePassivationIfOffline();
    }

    private void SchedulePassivationIfOffline()
    {
        if (_connection is null) Timers.StartSingleTimer(PassivationTimer, PassivateIfStillOffline.Instance, _settings.PassivateAfterDisconnected);
    }

    private void OnCall(OcppCallReceived call)
    {
        // An entity that restarted (rebalance, passivation) learns its live connection from the next CALL.
        if (_connection is null)
            OnConnected(new ChargerConnected(call.StationId, call.ConnectionId, call.Version, call.Connection));

        if (!OcppPayloadCodec.TryDecode(call.Version, call.Action, OcppPayloadKind.Request, call.Payload, out var request, out var error))
        {
            call.Connection.Tell(new SendCallError(call.MessageId, error!.Code, error.TrimmedDescription));
            return;
        }

        var now = _clock.GetUtcNow();
        if (request is HeartbeatRequest && call.ConnectionId == _connectionId) _lastHeartbeatAt = now;

        ChargerCallDecision decision;
        try
        {
            decision = ChargerCallHandler.Handle(_stationId, call.Action, _state, request!, _settings, now);
        }
        catch (Exception ex)
        {
            // A handler bug must cost one CALLERROR, not the entity (a restart would drop in-flight commands).
            _log.Error(ex, "{0}: handling {1} failed", _stationId, call.Action);
            call.Connection.Tell(new SendCallError(call.MessageId, OcppErrorCode.InternalError, $"{call.Action} could not be processed."));
            return;
        }

        if (decision.Error is { } refused)
        {
            call.Connection.Tell(new SendCallError(call.MessageId, refused.Code, refused.TrimmedDescription));
            return;
        }

        if (decision.Dispatch is { } route)
        {
            Stations.StationCallRouting.Forward(_stations, _stationId, call, route);
            return;
        }

        if (decision.Events.IsEmpty)
        {
            Reply(call, decision);
            return;
        }

        // Persist (not PersistAsync): an OCPP charger has one CALL in flight, so there is nothing to overlap within an
        // entity, and stashing keeps the duplicate check of the next TransactionEvent exact. Throughput comes from the
        // journal batching writes of many entities into one round trip.
        var remaining = decision.Events.Length;
        _callBeingPersisted = call;
        PersistAll(decision.Events, e =>
        {
            _state = _state.Apply(e);
            PublishNoticeFor(e);
            if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state);
            if (--remaining > 0) return;
            // A rejected event of the batch has already been answered with a CALLERROR: never acknowledge it too.
            if (!ReferenceEquals(_callBeingPersisted, call)) return;
            _callBeingPersisted = null;
            Reply(call, decision);
            if (e is ChargerBooted booted) AfterBoot(booted);
        });
    }

    /// <summary>
    /// The journal failed to store an event (database down, disk full). Nothing was acknowledged: the station gets a
    /// CALLERROR saying so and retries (OCPP stations resend transaction messages); then Akka.Persistence stops the
    /// entity, and sharding recreates it from the journal on the station's next message.
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        RefuseCallBeingPersisted(cause, "the journal is unavailable");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal refused the event (e.g. it could not be serialized); the entity keeps running.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        RefuseCallBeingPersisted(cause, "the journal rejected the record");
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void RefuseCallBeingPersisted(Exception cause, string why)
    {
        if (_callBeingPersisted is not { } call) return;
        _callBeingPersisted = null;
        _log.Error(cause, "{0}: {1} not stored: {2}", _stationId, call.Action, why);
        call.Connection.Tell(new SendCallError(call.MessageId, OcppErrorCode.InternalError,
            $"{call.Action} was not stored ({why}); nothing was recorded, retry later."));
    }

    /// <summary>Answers the CALL, then sends what the decision asks to follow (queued behind the answer on the same socket).</summary>
    private void Reply(OcppCallReceived call, ChargerCallDecision decision)
    {
        call.Connection.Tell(new SendCallResult(call.MessageId, OcppPayloadCodec.Encode(decision.Response!)));
        foreach (var next in decision.Then) SendToCharger(next.Action, next.PayloadJson, Self);
    }

    /// <summary>A station we know nothing about yet gets its device model pulled (Pending or Accepted, B07).</summary>
    private void AfterBoot(ChargerBooted booted)
    {
        if (!_settings.PullDeviceModelOnBoot || booted.Status == RegistrationStatus.Rejected) return;
        if (!_state.DeviceModel.IsEmpty || !_state.PendingReports.IsEmpty) return;
        var requestId = (int)(_clock.GetUtcNow().ToUnixTimeSeconds() % int.MaxValue);
        SendToCharger("GetBaseReport", $$"""{"requestId":{{requestId}},"reportBase":"FullInventory"}""", Self);
    }

    private void OnCommand(SendChargerCommand command)
    {
        var replyTo = command.ReplyTo ?? Sender;
        if (TryHandleProfileCommand(command, new CommandRequester(replyTo, command.Correlation))) return;
        // Commands whose answers are state (DER controls) are answered to the entity first, see OnCommandResult.
        if (DerCallHandler.Tracks(command.Action)) replyTo = Context.ActorOf(CommandResultRelay.Props(Self, command, replyTo));
        SendToCharger(command.Action, command.PayloadJson, replyTo);
    }

    /// <summary>Journals what an answer means (an accepted DER control), then passes the answer on to its sender.</summary>
    private void OnCommandResult(CommandResultObserved observed)
    {
        ImmutableArray<IChargerEvent> events;
        try
        {
            events = DerCallHandler.EventsFor(observed.Command.Action, observed.Command.PayloadJson, observed.Completed, _clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            // An answer the entity cannot read changes no state; the sender still gets it as it came.
            _log.Warning("{0}: could not read the answer to {1}: {2}", _stationId, observed.Command.Action, ex.Message);
            events = [];
        }
        if (events.IsEmpty)
        {
            observed.ReplyTo.Tell(observed.Completed);
            return;
        }
        var remaining = events.Length;
        PersistAll(events, e =>
        {
            _state = _state.Apply(e);
            if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state);
            if (--remaining == 0) observed.ReplyTo.Tell(observed.Completed);
        });
    }

    private void SendToCharger(string action, string payloadJson, IActorRef replyTo)
    {
        if (RefuseSending(action, payloadJson, out var payload) is { } refused) replyTo.Tell(refused);
        else
        {
            _connection!.Tell(new SendCallToCharger(_stationId, action, payload, replyTo));
            Metrics.DispatchLatencyStamps.CommandForwarded(Context.System, _stationId, action, _clock.GetUtcNow());
        }
    }

    /// <summary>Why a command cannot be sent now (offline, or invalid for the connection's edition); null when it can.</summary>
    private ChargerCommandCompleted? RefuseSending(string action, string payloadJson, out byte[] payload)
    {
        payload = Encoding.UTF8.GetBytes(payloadJson);
        if (_connection is null || _version is not { } version)
            return new ChargerCommandCompleted(_stationId, action, CommandOutcome.Offline, null, null, $"Station {_stationId} is not connected.");

        if (OcppPayloadCodec.ValidateOutgoing(version, action, OcppPayloadKind.Request, payload) is { } invalid)
            return new ChargerCommandCompleted(_stationId, action, CommandOutcome.Invalid, null, invalid.Code.ToString(),
                $"Not sent: invalid {action} for OCPP {version.ToSubprotocol()}: {invalid.Description}");
        if (DerControlRules.Refusal(action, payload) is { } refusal)
            return new ChargerCommandCompleted(_stationId, action, CommandOutcome.Invalid, null, null, $"Not sent: {refusal}");
        return null;
    }

    private ChargerStateView View() => new(
        _stationId,
        _connection is not null,
        _connectionId,
        _version,
        _state.Station,
        _state.Registration,
        _state.LastBootAt,
        _lastHeartbeatAt,
        _state.HeartbeatIntervalSeconds,
        [.. _state.Connectors.Values.OrderBy(c => c.EvseId).ThenBy(c => c.ConnectorId)],
        [.. _state.OpenTransactions.Values.OrderBy(t => t.StartedAt)],
        [.. _state.ClosedTransactions],
        _state.LatestMeterValuesByEvse,
        _state.DeviceModel.Length,
        _state.RecentEvents.Count,
        _state.RecentSecurityEvents.Count,
        LastSequenceNr);

    private void PublishNoticeFor(IChargerEvent e)
    {
        if (ChargerNoticeFactory.From(_stationId, e, _state) is { } notice) Publish(notice);
    }

    private void Publish(ChargerNotice notice) => Context.System.EventStream.Publish(notice);
}
