namespace V2gActors.Ocpp.Rpc;

/// <summary>How an outbound CALL ended. A result type rather than exceptions: every ending is an expected protocol event.</summary>
public abstract record CallOutcome;

/// <summary>The peer answered with CALLRESULT; <paramref name="Payload"/> is its raw JSON object.</summary>
public sealed record CallSucceeded(ReadOnlyMemory<byte> Payload) : CallOutcome;

/// <summary>The peer answered with CALLERROR.</summary>
public sealed record CallFailed(OcppErrorCode ErrorCode, string ErrorDescription, ReadOnlyMemory<byte> ErrorDetails) : CallOutcome
{
    public OcppError ToError() => new(ErrorCode, ErrorDescription);
}

/// <summary>No answer arrived within the call's timeout after it was sent.</summary>
public sealed record CallTimedOut(TimeSpan Timeout) : CallOutcome;

/// <summary>The call was never answered because the connection closed or the caller cancelled it.</summary>
public sealed record CallAborted(string Reason) : CallOutcome;
