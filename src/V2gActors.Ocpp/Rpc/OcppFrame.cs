namespace V2gActors.Ocpp.Rpc;

/// <summary>OCPP-J MessageTypeId (OCPP 2.1 part 4). 5 and 6 are new in 2.1.</summary>
public enum OcppMessageType
{
    Call = 2,
    CallResult = 3,
    CallError = 4,
    CallResultError = 5,
    Send = 6,
}

/// <summary>
/// One OCPP-J RPC frame. Payloads stay as raw UTF-8 JSON so a frame can be forwarded to a sharded
/// entity on another node without re-serialising; the entity decodes the typed message itself.
/// </summary>
public abstract record OcppFrame(string MessageId)
{
    public abstract OcppMessageType Type { get; }
}

/// <summary>[2, "messageId", "Action", {payload}]</summary>
public sealed record CallFrame(string MessageId, string Action, ReadOnlyMemory<byte> Payload) : OcppFrame(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.Call;
}

/// <summary>[3, "messageId", {payload}]</summary>
public sealed record CallResultFrame(string MessageId, ReadOnlyMemory<byte> Payload) : OcppFrame(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.CallResult;
}

/// <summary>[4, "messageId", "errorCode", "errorDescription", {errorDetails}]</summary>
public sealed record CallErrorFrame(string MessageId, OcppErrorCode ErrorCode, string ErrorDescription, ReadOnlyMemory<byte> ErrorDetails)
    : OcppFrame(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.CallError;
}

/// <summary>[5, "messageId", "errorCode", "errorDescription", {errorDetails}]: the answer to a CALLRESULT the receiver could not process (2.1).</summary>
public sealed record CallResultErrorFrame(string MessageId, OcppErrorCode ErrorCode, string ErrorDescription, ReadOnlyMemory<byte> ErrorDetails)
    : OcppFrame(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.CallResultError;
}

/// <summary>[6, "messageId", "Action", {payload}]: an unconfirmed message, never answered (2.1).</summary>
public sealed record SendFrame(string MessageId, string Action, ReadOnlyMemory<byte> Payload) : OcppFrame(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.Send;
}
