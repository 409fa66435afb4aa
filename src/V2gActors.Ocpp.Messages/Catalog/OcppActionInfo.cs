using V2gActors.Ocpp;

namespace V2gActors.Ocpp.Messages;

/// <summary>
/// One OCPP action and the CLR types of its payloads. <see cref="ResponseType"/> is null for a SEND action
/// (OCPP 2.1 NotifyPeriodicEventStream), which is never answered.
/// </summary>
public sealed record OcppActionInfo(string Action, Type RequestType, Type? ResponseType)
{
    public bool IsSend => ResponseType is null;

    public Type? PayloadType(OcppPayloadKind kind) => kind == OcppPayloadKind.Request ? RequestType : ResponseType;
}
