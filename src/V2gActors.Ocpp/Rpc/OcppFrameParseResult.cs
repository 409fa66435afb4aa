namespace V2gActors.Ocpp.Rpc;

/// <summary>
/// Why an incoming text message is not a usable OCPP-J frame. Carries whatever could be read before the
/// problem was found, because the answer (CALLERROR, CALLRESULTERROR or silence) depends on the message type
/// and needs the message id to be correlated by the sender.
/// </summary>
/// <param name="MessageTypeId">The raw MessageTypeId when it was an integer, otherwise null.</param>
/// <param name="MessageId">The message id when it was a string, otherwise null.</param>
public sealed record OcppFrameViolation(int? MessageTypeId, string? MessageId, OcppErrorCode Code, string Description)
{
    public OcppError ToError() => new(Code, Description);
}

/// <summary>Outcome of <see cref="OcppFrameCodec.Parse"/>: exactly one of <see cref="Frame"/> or <see cref="Violation"/>.</summary>
public readonly record struct OcppFrameParseResult
{
    private OcppFrameParseResult(OcppFrame? frame, OcppFrameViolation? violation)
    {
        Frame = frame;
        Violation = violation;
    }

    public OcppFrame? Frame { get; }

    public OcppFrameViolation? Violation { get; }

    public bool IsFrame => Frame is not null;

    public static OcppFrameParseResult Parsed(OcppFrame frame) => new(frame, null);

    public static OcppFrameParseResult Rejected(OcppFrameViolation violation) => new(null, violation);

    public bool TryGetFrame([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OcppFrame? frame)
    {
        frame = Frame;
        return frame is not null;
    }
}
