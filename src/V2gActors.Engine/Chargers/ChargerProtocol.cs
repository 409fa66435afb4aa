using Akka.Actor;
using V2gActors.Engine.Serialization;
using V2gActors.Ocpp;

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
    : IChargerCommand;

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
}

/// <summary>Asks for a <see cref="ChargerStateView"/>.</summary>
public sealed record GetChargerState(string StationId) : IChargerCommand;

/// <summary>Tells the entity to stop after a passivation; used as the sharding hand-off message too.</summary>
public sealed record StopCharger : IV2gSerializable
{
    public static StopCharger Instance { get; } = new();
}
