namespace V2gActors.Iso15118.V2gtp;

public enum V2gtpReadStatus
{
    /// <summary>A whole frame was read; <c>consumed</c> bytes belong to it.</summary>
    Frame,
    /// <summary>The buffer holds only part of a frame; read more and try again.</summary>
    NeedMoreData,
    /// <summary>Version bytes are wrong: the stream is not V2GTP (or out of sync) and the connection should close.</summary>
    InvalidHeader,
    /// <summary>The announced length exceeds the configured limit: refuse before buffering it, close the connection.</summary>
    PayloadTooLarge,
    /// <summary>A well-formed frame of a payload type this node does not know: <c>consumed</c> skips it.</summary>
    UnknownPayloadType,
}

/// <summary>
/// Splits a TCP byte stream into V2GTP frames. It judges the header as soon as its 8 bytes are present, so
/// a peer cannot make the node buffer an oversized or garbage payload before it is refused.
/// </summary>
public sealed class V2gtpFrameReader(uint maxPayloadLength = V2gtpFrameReader.DefaultMaxPayloadLength)
{
    /// <summary>
    /// Large enough for -20 certificate installation (a few contract certificate chains, well under 64 KiB),
    /// small enough that a hostile length cannot pin memory.
    /// </summary>
    public const uint DefaultMaxPayloadLength = 64 * 1024;

    public uint MaxPayloadLength { get; } = maxPayloadLength;

    public V2gtpReadStatus TryRead(ReadOnlySpan<byte> buffer, out V2gtpFrame? frame, out int consumed)
    {
        frame = null;
        consumed = 0;
        if (buffer.Length < V2gtpHeader.Length) return V2gtpReadStatus.NeedMoreData;
        if (buffer[0] != V2gtpHeader.ProtocolVersion || buffer[1] != V2gtpHeader.InverseProtocolVersion)
            return V2gtpReadStatus.InvalidHeader;
        var header = V2gtpHeader.Read(buffer);
        if (header.PayloadLength > MaxPayloadLength) return V2gtpReadStatus.PayloadTooLarge;
        var total = V2gtpHeader.Length + (int)header.PayloadLength;
        if (buffer.Length < total) return V2gtpReadStatus.NeedMoreData;

        consumed = total;
        if (!V2gtpPayloadTypes.IsKnown(header.PayloadType) && !V2gtpPayloadTypes.IsManufacturerSpecific(header.PayloadType))
            return V2gtpReadStatus.UnknownPayloadType;
        frame = new V2gtpFrame(header.PayloadType, buffer[V2gtpHeader.Length..total].ToArray());
        return V2gtpReadStatus.Frame;
    }
}
