namespace V2gActors.Ocpp.Rpc;

/// <summary>
/// Decides how to answer a message that failed to parse. Pure policy, shared by the server and client transports.
/// </summary>
/// <remarks>
/// Rules (OCPP 2.0.1 / 2.1 part 4):
/// <list type="bullet">
/// <item>a broken CALL, an unknown MessageTypeId, or a message whose type could not be read at all → CALLERROR;</item>
/// <item>a broken CALLRESULT → CALLRESULTERROR on 2.1 (that is what type 5 exists for); nothing on 2.0.1, which
///   has no way to answer a CALLRESULT;</item>
/// <item>a broken CALLERROR, CALLRESULTERROR or SEND → nothing: errors are never answered with errors (that could
///   ping-pong forever) and SEND is unconfirmed by definition.</item>
/// </list>
/// When the message id could not be read the answer uses <see cref="UnreadableMessageId"/> ("-1"), the value part 4
/// (2.0.1 edition 2 errata onwards) prescribes for that case; the peer cannot correlate it with a request, but it
/// still learns that something it sent was rejected, which is more useful than silence followed by a timeout.
/// </remarks>
public static class OcppViolationReply
{
    public const string UnreadableMessageId = "-1";

    /// <summary>The frame to send back, or null when the violation must only be logged.</summary>
    public static OcppFrame? For(OcppFrameViolation violation, OcppVersion version)
    {
        ArgumentNullException.ThrowIfNull(violation);
        var id = violation.MessageId ?? UnreadableMessageId;
        var description = OcppFrameCodec.TrimDescription(violation.Description);
        switch (violation.MessageTypeId)
        {
            case (int)OcppMessageType.CallResult:
                return version == OcppVersion.V21 && violation.MessageId is not null
                    ? new CallResultErrorFrame(id, violation.Code, description, default)
                    : null;
            case (int)OcppMessageType.CallError:
                return null;
            case (int)OcppMessageType.CallResultError when version == OcppVersion.V21:
                return null;
            case (int)OcppMessageType.Send when version == OcppVersion.V21:
                return null;
            default:
                // CALL, an unreadable type, or a type this edition does not know (incl. 5/6 on 2.0.1).
                return new CallErrorFrame(id, violation.Code, description, default);
        }
    }
}
