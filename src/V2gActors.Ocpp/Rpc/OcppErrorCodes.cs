namespace V2gActors.Ocpp.Rpc;

/// <summary>Wire names of <see cref="OcppErrorCode"/>. A switch instead of Enum.Parse: no reflection, no allocation.</summary>
public static class OcppErrorCodes
{
    public static string ToWireName(this OcppErrorCode code) => code switch
    {
        OcppErrorCode.FormatViolation => "FormatViolation",
        OcppErrorCode.GenericError => "GenericError",
        OcppErrorCode.InternalError => "InternalError",
        OcppErrorCode.MessageTypeNotSupported => "MessageTypeNotSupported",
        OcppErrorCode.NotImplemented => "NotImplemented",
        OcppErrorCode.NotSupported => "NotSupported",
        OcppErrorCode.OccurrenceConstraintViolation => "OccurrenceConstraintViolation",
        OcppErrorCode.PropertyConstraintViolation => "PropertyConstraintViolation",
        OcppErrorCode.ProtocolError => "ProtocolError",
        OcppErrorCode.RpcFrameworkError => "RpcFrameworkError",
        OcppErrorCode.SecurityError => "SecurityError",
        OcppErrorCode.TypeConstraintViolation => "TypeConstraintViolation",
        _ => "GenericError",
    };

    /// <summary>
    /// Maps a received errorCode. Unknown codes become <see cref="OcppErrorCode.GenericError"/> rather than a
    /// parse failure: a CALLERROR is never answered, so rejecting it would only lose the error for the caller.
    /// The OCPP 1.6 misspellings ("FormationViolation", "OccurenceConstraintViolation") are still seen in the
    /// field from firmware that shares code between 1.6 and 2.x, so they are accepted too.
    /// </summary>
    public static OcppErrorCode FromWireName(string? name) => name switch
    {
        "FormatViolation" or "FormationViolation" => OcppErrorCode.FormatViolation,
        "GenericError" => OcppErrorCode.GenericError,
        "InternalError" => OcppErrorCode.InternalError,
        "MessageTypeNotSupported" => OcppErrorCode.MessageTypeNotSupported,
        "NotImplemented" => OcppErrorCode.NotImplemented,
        "NotSupported" => OcppErrorCode.NotSupported,
        "OccurrenceConstraintViolation" or "OccurenceConstraintViolation" => OcppErrorCode.OccurrenceConstraintViolation,
        "PropertyConstraintViolation" => OcppErrorCode.PropertyConstraintViolation,
        "ProtocolError" => OcppErrorCode.ProtocolError,
        "RpcFrameworkError" => OcppErrorCode.RpcFrameworkError,
        "SecurityError" => OcppErrorCode.SecurityError,
        "TypeConstraintViolation" => OcppErrorCode.TypeConstraintViolation,
        _ => OcppErrorCode.GenericError,
    };
}
