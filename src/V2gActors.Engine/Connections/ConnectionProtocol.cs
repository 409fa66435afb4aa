using Akka.Actor;
using V2gActors.Engine.Serialization;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Connections;

/// <summary>Entity → connection: answer the charger's CALL <paramref name="MessageId"/> with a CALLRESULT.</summary>
public sealed record SendCallResult(string MessageId, byte[] Payload) : IV2gSerializable;

/// <summary>Entity → connection: answer the charger's CALL <paramref name="MessageId"/> with a CALLERROR.</summary>
public sealed record SendCallError(string MessageId, OcppErrorCode Code, string Description) : IV2gSerializable;

/// <summary>
/// Entity → connection: send a CSMS→charger CALL (already validated). The connection queues it behind any
/// outstanding command (one CALL in flight per direction) and tells <paramref name="ReplyTo"/> a
/// <c>ChargerCommandCompleted</c>.
/// </summary>
public sealed record SendCallToCharger(string StationId, string Action, byte[] Payload, IActorRef ReplyTo) : IV2gSerializable;
