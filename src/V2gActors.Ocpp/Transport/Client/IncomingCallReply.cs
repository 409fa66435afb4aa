using V2gActors.Ocpp.Rpc;

namespace V2gActors.Ocpp.Transport.Client;

/// <summary>
/// The answer to a CALL received from the CSMS: a CALLRESULT payload or an <see cref="OcppError"/> (sent as CALLERROR).
/// Implicit conversions let a handler simply <c>return payloadBytes;</c> or <c>return new OcppError(…);</c>.
/// </summary>
public abstract record IncomingCallReply
{
    private IncomingCallReply() { }

    public sealed record Result(ReadOnlyMemory<byte> Payload) : IncomingCallReply;

    public sealed record Error(OcppError Value) : IncomingCallReply;

    public static implicit operator IncomingCallReply(OcppError error) => new Error(error);

    public static implicit operator IncomingCallReply(byte[] payload) => new Result(payload);

    public static implicit operator IncomingCallReply(ReadOnlyMemory<byte> payload) => new Result(payload);

    internal OcppFrame ToFrame(string messageId) => this switch
    {
        Result result => new CallResultFrame(messageId, result.Payload),
        Error error => new CallErrorFrame(messageId, error.Value.Code, error.Value.TrimmedDescription, default),
        _ => throw new InvalidOperationException("unreachable"),
    };
}

/// <summary>Handles a CALL from the CSMS. Runs off the read loop, so it may itself await <see cref="OcppClientConnection.CallAsync"/>.</summary>
public delegate ValueTask<IncomingCallReply> OcppIncomingCallHandler(CallFrame call, CancellationToken cancellationToken);

/// <summary>
/// What the charger side wants to hear about besides responses to its own calls. All optional; an unhandled CALL is
/// answered with CALLERROR NotImplemented. <see cref="OnSend"/> and <see cref="OnCallResultError"/> run on the read
/// loop and must return quickly.
/// </summary>
public sealed record OcppClientCallbacks(
    OcppIncomingCallHandler? OnCall = null,
    Action<SendFrame>? OnSend = null,
    Action<CallResultErrorFrame>? OnCallResultError = null);
