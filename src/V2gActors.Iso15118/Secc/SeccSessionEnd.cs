using V2gActors.Iso15118.Exi;

namespace V2gActors.Iso15118.Secc;

public enum SeccEndReason
{
    /// <summary>SessionStopReq(Terminate) answered OK.</summary>
    Terminated,
    /// <summary>SessionStopReq(Pause) answered OK: the EV may come back with the same SessionID.</summary>
    Paused,
    /// <summary>A request arrived out of order (answered FAILED_SequenceError).</summary>
    SequenceError,
    /// <summary>A request carried a SessionID other than the session's (answered FAILED_UnknownSession).</summary>
    UnknownSession,
    /// <summary>No request within the sequence timeout after the previous response.</summary>
    SequenceTimeout,
    /// <summary>An EVSEProcessing=Ongoing phase lasted longer than the ongoing timeout.</summary>
    OngoingTimeout,
    /// <summary>Any other FAILED_* response (invalid selection, wrong parameters, …).</summary>
    Failed,
    /// <summary>The bytes were not a message this session can answer (bad V2GTP, undecodable EXI, wrong schema).</summary>
    ProtocolError,
    /// <summary>The EV closed the connection (or TLS failed) before a SessionStop.</summary>
    ConnectionClosed,
}

public sealed record SeccSessionEnd(SeccEndReason Reason, string Detail);

/// <summary>A response ready to encode: its schema decides the EXI grammar and the V2GTP payload type.</summary>
public sealed record SeccResponse(ExiSchema Schema, object Message);

/// <summary>
/// What handling one request produced: the response to send (null only when the request could not be answered at
/// all) and, when the session is over after sending it, why.
/// </summary>
public sealed record SeccReply(SeccResponse? Response, SeccSessionEnd? End)
{
    public bool EndsSession => End is not null;
}
