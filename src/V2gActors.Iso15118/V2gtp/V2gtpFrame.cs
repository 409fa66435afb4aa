namespace V2gActors.Iso15118.V2gtp;

/// <summary>One V2GTP message: payload type and payload bytes (the header is implied).</summary>
public sealed record V2gtpFrame(ushort PayloadType, ReadOnlyMemory<byte> Payload)
{
    public V2gtpFrame(V2gtpPayloadType type, ReadOnlyMemory<byte> payload) : this((ushort)type, payload) { }

    public V2gtpPayloadType? KnownType =>
        V2gtpPayloadTypes.IsKnown(PayloadType) ? (V2gtpPayloadType)PayloadType : null;

    public byte[] ToBytes()
    {
        var bytes = new byte[V2gtpHeader.Length + Payload.Length];
        new V2gtpHeader(PayloadType, (uint)Payload.Length).WriteTo(bytes);
        Payload.Span.CopyTo(bytes.AsSpan(V2gtpHeader.Length));
        return bytes;
    }
}
