namespace V2gActors.Ocpp;

/// <summary>OCPP-J RPC framework error codes (OCPP 2.0.1/2.1 part 4, CALLERROR).</summary>
public enum OcppErrorCode
{
    /// <summary>Payload for the action is syntactically incorrect (not JSON, or not an object).</summary>
    FormatViolation,
    /// <summary>Any other error not covered by the more specific codes.</summary>
    GenericError,
    /// <summary>An internal error occurred and the receiver was not able to process the action.</summary>
    InternalError,
    /// <summary>A message with an unknown MessageTypeId was received.</summary>
    MessageTypeNotSupported,
    /// <summary>The requested action is not known by the receiver.</summary>
    NotImplemented,
    /// <summary>The requested action is recognised but not supported by the receiver.</summary>
    NotSupported,
    /// <summary>Payload is syntactically correct but a field violates occurrence constraints (missing required, too many items).</summary>
    OccurrenceConstraintViolation,
    /// <summary>Payload is syntactically correct but a field contains an invalid value (enum, length, range).</summary>
    PropertyConstraintViolation,
    /// <summary>Payload for the action does not conform to the PDU structure (unknown property, wrong shape).</summary>
    ProtocolError,
    /// <summary>The content of the message is not a valid RPC request (e.g. the message id cannot be read).</summary>
    RpcFrameworkError,
    /// <summary>A security issue prevented the receiver from completing the action.</summary>
    SecurityError,
    /// <summary>Payload is syntactically correct but a field violates data-type constraints ("somestring": 12).</summary>
    TypeConstraintViolation,
}

/// <summary>An error to be sent (or received) as CALLERROR / CALLRESULTERROR.</summary>
public sealed record OcppError(OcppErrorCode Code, string Description)
{
    /// <summary>OCPP limits errorDescription to 255 characters.</summary>
    public string TrimmedDescription => Description.Length <= 255 ? Description : Description[..255];
}
