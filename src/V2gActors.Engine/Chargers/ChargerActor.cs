using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
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
public sealed class ChargerActor : ReceivePersistentActor, IWithTimers
{
    private sealed record PassivateIfStillOffline
    {
        public static PassivateIfStillOffline Instance { get; } = new();
    }

    private const string PassivationTimer = "passivate";

    private readonly string _stationId;
    private readonly ChargerSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private ChargerState _state = ChargerState.Empty;
    private IActorRef? _connection;
    private string? _connectionId;
    private OcppVersion? _version;
    private DateTimeOffset? _lastHeartbeatAt;

    public ChargerActor(string stationId, ChargerSettings settings, TimeProvider? clock = null)
    {
        _stationId = stationId;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ChargerState snapshot) _state = snapshot;
        });
        Recover<IChargerEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => SchedulePassivationIfOffline());

        Command<OcppCallReceived>(OnCall);
        Command<SendChargerCommand>(OnCommand);
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
        // Profile storage arrives with smart charging (issue 3); until then the entity knows of no installed profile.
        Command<GetInstalledChargingProfiles>(_ => Sender.Tell(new InstalledChargingProfilesView(_stationId, [])));
        Command<ChargerCommandCompleted>(done => _log.Info("{0}: {1} → {2} {3}{4}", _stationId, done.Action, done.Outcome,
            done.ErrorCode, done.ErrorDescription));
        Command<PassivateIfStillOffline>(_ =>
        {
            if (_connection is null) Context.Parent.Tell(new Passivate(StopCharger.Instance));
        });
        Command<StopCharger>(_ => Context.Stop(Self));
        Command<SaveSnapshotSuccess>(s =>
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("{0}: snapshot failed: {1}", _stationId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("{0}: deleting old snapshots failed: {1}", _stationId, f.Cause.Message));
    }

    public override string PersistenceId => PersistenceIdFor(_stationId);

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(string stationId) => $"charger-{stationId}";

    public static Props Props(string stationId, ChargerSettings settings, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new ChargerActor(stationId, settings, clock));

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

        if (decision.Events.IsEmpty)
        {
            Reply(call, decision.Response!);
            return;
        }

        // Persist (not PersistAsync): an OCPP charger has one CALL in flight, so there is nothing to overlap within an
        // entity, and stashing keeps the duplicate check of the next TransactionEvent exact. Throughput comes from the
        // journal batching writes of many entities into one round trip.
        var remaining = decision.Events.Length;
        PersistAll(decision.Events, e =>
        {
            _state = _state.Apply(e);
            PublishNoticeFor(e);
            if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state);
            if (--remaining > 0) return;
            Reply(call, decision.Response!);
            if (e is ChargerBooted booted) AfterBoot(booted);
        });
    }

    private static void Reply(OcppCallReceived call, object response) =>
        call.Connection.Tell(new SendCallResult(call.MessageId, OcppPayloadCodec.Encode(response)));

    /// <summary>A station we know nothing about yet gets its device model pulled (Pending or Accepted, B07).</summary>
    private void AfterBoot(ChargerBooted booted)
    {
        if (!_settings.PullDeviceModelOnBoot || booted.Status == RegistrationStatus.Rejected) return;
        if (!_state.DeviceModel.IsEmpty || !_state.PendingReports.IsEmpty) return;
        var requestId = (int)(_clock.GetUtcNow().ToUnixTimeSeconds() % int.MaxValue);
        SendToCharger("GetBaseReport", $$"""{"requestId":{{requestId}},"reportBase":"FullInventory"}""", Self);
    }

    private void OnCommand(SendChargerCommand command) =>
        SendToCharger(command.Action, command.PayloadJson, command.ReplyTo ?? Sender);

    private void SendToCharger(string action, string payloadJson, IActorRef replyTo)
    {
        if (_connection is null || _version is not { } version)
        {
            replyTo.Tell(new ChargerCommandCompleted(_stationId, action, CommandOutcome.Offline, null, null,
                $"Station {_stationId} is not connected."));
            return;
        }

        var payload = Encoding.UTF8.GetBytes(payloadJson);
        if (OcppPayloadCodec.ValidateOutgoing(version, action, OcppPayloadKind.Request, payload) is { } invalid)
        {
            replyTo.Tell(new ChargerCommandCompleted(_stationId, action, CommandOutcome.Invalid, null, invalid.Code.ToString(),
                $"Not sent: invalid {action} for OCPP {version.ToSubprotocol()}: {invalid.Description}"));
            return;
        }

        _connection.Tell(new SendCallToCharger(_stationId, action, payload, replyTo));
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
