using Akka.Actor;
using V2gActors.Engine.Serialization;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers;

/// <summary>Anything addressed to one charger entity; the shard extractor routes by <see cref="StationId"/>.</summary>
public interface IChargerCommand : IV2gSerializable
{
    string StationId { get; }
}

/// <summary>A WebSocket of this station was opened on some node; <paramref name="Connection"/> writes its frames.</summary>
public sealed record ChargerConnected(string StationId, string ConnectionId, OcppVersion Version, IActorRef Connection)
    : IChargerCommand;

/// <summary>
/// The socket <paramref name="ConnectionId"/> closed. Carries the id so that the late close of an older socket
/// cannot mark a newer connection of the same station offline.
/// </summary>
public sealed record ChargerDisconnected(string StationId, string ConnectionId) : IChargerCommand;

/// <summary>
/// A charger→CSMS CALL, forwarded undecoded (raw UTF-8 JSON) so it can cross nodes cheaply; the entity decodes it and
/// answers through <paramref name="Connection"/> with <c>SendCallResult</c>/<c>SendCallError</c>.
/// </summary>
public sealed record OcppCallReceived(
    string StationId,
    string ConnectionId,
    OcppVersion Version,
    string MessageId,
    string Action,
    byte[] Payload,
    IActorRef Connection) : IChargerCommand;

/// <summary>
/// Asks the CSMS to send a CALL to the charger (GetBaseReport, SetVariables, Reset, RequestStartTransaction …).
/// The outcome arrives as <see cref="ChargerCommandCompleted"/> at <paramref name="ReplyTo"/>, or at the sender when
/// it is null (so <c>Ask</c> works).
/// </summary>
public sealed record SendChargerCommand(string StationId, string Action, string PayloadJson, IActorRef? ReplyTo = null)
    : IChargerCommand
{
    /// <summary>Copied onto the answer of a profile command, so a sender of many (a fleet) can match answers without an Ask each.</summary>
    public string? Correlation { get; init; }
}

/// <summary>
/// A fleet setpoint for one EVSE's Dynamic profile: the typed fast path of UpdateDynamicSchedule (K29). The fleet sends
/// numbers, not JSON, so it builds no payload per charger in its dispatch loop and the entity decodes and validates
/// none: the entity checks the update against the installed profile, coalesces it, and encodes the frame from the 2.1
/// model only when it leaves. Answered like <see cref="SendChargerCommand"/> (action UpdateDynamicSchedule).
/// </summary>
public sealed record SendSetpointUpdate(
    string StationId, int ProfileId, decimal Setpoint, decimal Limit, decimal DischargeLimit, IActorRef? ReplyTo = null) : IChargerCommand
{
    public const string Action = "UpdateDynamicSchedule";

    /// <summary>Copied onto the answer (see <see cref="SendChargerCommand.Correlation"/>).</summary>
    public string? Correlation { get; init; }

    public UpdateDynamicScheduleRequest ToRequest() => new()
    {
        ChargingProfileId = ProfileId,
        ScheduleUpdate = new ChargingScheduleUpdateType { Setpoint = Setpoint, Limit = Limit, DischargeLimit = DischargeLimit },
    };

    /// <summary>The frame's payload as it goes on the wire (for logs and tests; the entity encodes its own).</summary>
    public string PayloadJson() => System.Text.Encoding.UTF8.GetString(OcppPayloadCodec.Encode(ToRequest()));
}

/// <summary>How a CSMS→charger command ended.</summary>
public enum CommandOutcome
{
    /// <summary>The charger answered with a CALLRESULT; <see cref="ChargerCommandCompleted.ResultJson"/> holds it.</summary>
    Completed,
    /// <summary>The charger answered with a CALLERROR.</summary>
    CallError,
    /// <summary>No answer within the call timeout.</summary>
    Timeout,
    /// <summary>The station has no open connection.</summary>
    Offline,
    /// <summary>Refused before sending: the payload is not valid for the connection's OCPP edition.</summary>
    Invalid,
    /// <summary>The connection closed while the command was queued or outstanding.</summary>
    ConnectionLost,
    /// <summary>Not sent: a newer UpdateDynamicSchedule for the same profile replaced it while it waited (smart charging).</summary>
    Superseded,
}

public sealed record ChargerCommandCompleted(
    string StationId,
    string Action,
    CommandOutcome Outcome,
    string? ResultJson,
    string? ErrorCode = null,
    string? ErrorDescription = null) : IV2gSerializable
{
    public bool Succeeded => Outcome == CommandOutcome.Completed;

    /// <summary>The correlation of the command this answers, when its sender gave one.</summary>
    public string? Correlation { get; init; }
}

/// <summary>Asks for a <see cref="ChargerStateView"/>.</summary>
public sealed record GetChargerState(string StationId) : IChargerCommand;

/// <summary>Tells the entity to stop after a passivation; used as the sharding hand-off message too.</summary>
public sealed record StopCharger : IV2gSerializable
{
    public static StopCharger Instance { get; } = new();
}
