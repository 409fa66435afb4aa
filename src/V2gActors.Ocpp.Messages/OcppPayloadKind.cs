namespace V2gActors.Ocpp;

/// <summary>Which payload of an action: the CALL's (Request, also used for SEND) or the CALLRESULT's (Response).</summary>
public enum OcppPayloadKind
{
    Request,
    Response,
}
