using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Fleets.Layout;
using V2gActors.Engine.Sessions;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Stations;

/// <summary>
/// The dispatch side of one charging station, sharded by station id and event-sourced (<c>station-dispatch-{id}</c>):
/// which fleet it belongs to (set by the fleet, from its layout) and which vehicle session is open on each EVSE. It turns
/// the charger's facts into dispatch facts wherever the charger entity runs: NotifyEVChargingNeeds registers (or updates)
/// a <see cref="VehicleSessionActor"/> that joins the fleet, NotifyEVChargingSchedule is recorded in that session, a
/// transaction's end ends its session, and metered power goes to the fleet entity. Charger CALLs are answered from here,
/// after the session journaled what they said.
/// </summary>
public sealed class StationDispatchActor : ReceivePersistentActor
{
    /// <summary>The session entity's answer to a forwarded CALL (local only).</summary>
    private sealed record SessionAnswered(StationCallForwarded Call, StationSession Session, object? Answer, string? Failure)
        : INoSerializationVerificationNeeded;

    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(15);

    private readonly string _stationId;
    private readonly IActorRef _sessions;
    private readonly IActorRef _fleets;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private StationDispatchState _state = StationDispatchState.Empty;

    public StationDispatchActor(string stationId, IActorRef sessions, IActorRef fleets, TimeProvider? clock = null)
    {
        _stationId = stationId;
        _sessions = sessions;
        _fleets = fleets;
        _clock = clock ?? TimeProvider.System;

        Recover<IStationEvent>(e => _state = _state.Apply(e));

        Command<AssignStation>(OnAssign);
        Command<StationCallForwarded>(OnCall);
        Command<SessionAnswered>(OnSessionAnswered);
        Command<StationMeterReading>(m =>
        {
            if (_state.FleetId is { } fleet) _fleets.Tell(new FleetMeterReading(fleet, _stationId, m.EvseId, m.PowerW, m.At));
        });
        Command<StationTransactionEnded>(ended =>
        {
            if (_state.SessionOfTransaction(ended.TransactionId) is { } session) EndSession(session, ended.Reason ?? "transaction ended");
        });
        Command<GetStationDispatchState>(_ => Sender.Tell(View()));
        Command<StopStationDispatch>(_ => Context.Stop(Self));
    }

    public override string PersistenceId => PersistenceIdFor(_stationId);

    public static string PersistenceIdFor(string stationId) => $"station-dispatch-{stationId}";

    public static Props Props(string stationId, IActorRef sessions, IActorRef fleets, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new StationDispatchActor(stationId, sessions, fleets, clock));

    private void OnAssign(AssignStation assign)
    {
        var replyTo = Sender;
        var unchanged = assign.FleetId == _state.FleetId || (assign.FleetId is null && assign.FromFleetId != _state.FleetId);
        if (unchanged)
        {
            replyTo.Tell(new StationAssigned(_stationId, _state.FleetId));
            return;
        }
        // Sessions belong to the fleet they joined: moving the station ends them (the EV's next needs update re-joins).
        foreach (var session in _state.Sessions.Values.ToList()) EndSession(session, "station left the fleet");
        Persist(new StationFleetAssigned(assign.FleetId, _clock.GetUtcNow()), e =>
        {
            _state = _state.Apply(e);
            _log.Debug("{0}: assigned to fleet {1}", _stationId, e.FleetId ?? "(none)");
            replyTo.Tell(new StationAssigned(_stationId, _state.FleetId));
        });
    }

    private void OnCall(StationCallForwarded call)
    {
        switch (call.Action)
        {
            case "NotifyEVChargingNeeds":
                OnChargingNeeds(call);
                break;
            case "NotifyEVChargingSchedule":
                OnChargingSchedule(call);
                break;
            default:
                call.Connection.Tell(new SendCallError(call.MessageId, OcppErrorCode.NotSupported, $"{call.Action} is not routed to dispatch."));
                break;
        }
    }

    private void OnChargingNeeds(StationCallForwarded call)
    {
        if (_state.FleetId is not { } fleetId)
        {
            // Not dispatched by us: the station charges on its own (2.0.1 has no NoChargingProfile status).
            Reply(call, new NotifyEVChargingNeedsResponse
            {
                Status = call.Version == OcppVersion.V21 ? NotifyEVChargingNeedsStatusEnumType.NoChargingProfile : NotifyEVChargingNeedsStatusEnumType.Rejected,
                StatusInfo = new StatusInfoType { ReasonCode = "NoFleet", AdditionalInfo = $"Station {_stationId} belongs to no fleet." },
            });
            return;
        }
        var request = OcppPayloadCodec.Decode<NotifyEVChargingNeedsRequest>(call.Payload);
        var session = _state.SessionFor(_stationId, call.EvseId, call.TransactionId, call.MessageId, out var replaced);
        if (replaced is not null) EndSession(replaced, "replaced by a new session on the EVSE");
        var registration = ChargingNeedsMapping.ToRegistration(session.SessionId, fleetId, _stationId, request, session.TransactionId,
            _clock.GetUtcNow());
        AskSession(call, session, registration);
    }

    private void OnChargingSchedule(StationCallForwarded call)
    {
        if (!_state.Sessions.TryGetValue(call.EvseId, out var session))
        {
            Reply(call, new NotifyEVChargingScheduleResponse
            {
                Status = GenericStatusEnumType.Rejected,
                StatusInfo = new StatusInfoType { ReasonCode = "NoSession", AdditionalInfo = "No vehicle session on this EVSE; send NotifyEVChargingNeeds first." },
            });
            return;
        }
        var request = OcppPayloadCodec.Decode<NotifyEVChargingScheduleRequest>(call.Payload);
        var scheduleJson = Encoding.UTF8.GetString(OcppPayloadCodec.Encode(request.ChargingSchedule));
        AskSession(call, session, new RecordEvChargingSchedule(session.SessionId, request.TimeBase, scheduleJson));
    }

    private void AskSession(StationCallForwarded call, StationSession session, ISessionCommand command) =>
        _sessions.Ask<object>(command, SessionTimeout).PipeTo(Self,
            success: answer => new SessionAnswered(call, session, answer, null),
            failure: ex => new SessionAnswered(call, session, null, ex.Message));

    private void OnSessionAnswered(SessionAnswered answered)
    {
        var call = answered.Call;
        var reason = answered.Answer switch
        {
            VehicleSessionRegistered or EvChargingScheduleRecorded => null,
            VehicleSessionRejected rejected => rejected.Reason,
            _ => answered.Failure ?? $"unexpected answer {answered.Answer?.GetType().Name}",
        };
        if (reason is not null) _log.Warning("{0}: {1} for session {2} refused: {3}", _stationId, call.Action, answered.Session.SessionId, reason);

        if (call.Action == "NotifyEVChargingSchedule")
        {
            Reply(call, new NotifyEVChargingScheduleResponse
            {
                Status = reason is null ? GenericStatusEnumType.Accepted : GenericStatusEnumType.Rejected,
                StatusInfo = reason is null ? null : new StatusInfoType { ReasonCode = "Refused", AdditionalInfo = Trim(reason) },
            });
            return;
        }
        var response = new NotifyEVChargingNeedsResponse
        {
            Status = reason is null ? NotifyEVChargingNeedsStatusEnumType.Accepted : NotifyEVChargingNeedsStatusEnumType.Rejected,
            StatusInfo = reason is null ? null : new StatusInfoType { ReasonCode = "Refused", AdditionalInfo = Trim(reason) },
        };
        if (reason is not null || _state.Sessions.GetValueOrDefault(call.EvseId) == answered.Session)
        {
            Reply(call, response);
            return;
        }
        Persist(new StationSessionOpened(answered.Session, _clock.GetUtcNow()), e =>
        {
            _state = _state.Apply(e);
            Reply(call, response);
        });
    }

    private void EndSession(StationSession session, string reason)
    {
        _sessions.Tell(new EndVehicleSession(session.SessionId, reason));
        Persist(new StationSessionClosed(session.SessionId, reason, _clock.GetUtcNow()), e => _state = _state.Apply(e));
    }

    private static void Reply(StationCallForwarded call, object response) =>
        call.Connection.Tell(new SendCallResult(call.MessageId, OcppPayloadCodec.Encode(response)));

    /// <summary>statusInfo.additionalInfo is limited by the schemas (512 characters in 2.0.1).</summary>
    private static string Trim(string text) => text.Length <= 500 ? text : text[..500];

    private StationDispatchView View() =>
        new(_stationId, _state.FleetId, [.. _state.Sessions.Values.OrderBy(s => s.EvseId)], LastSequenceNr);
}
