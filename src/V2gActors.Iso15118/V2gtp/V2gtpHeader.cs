using System.Buffers.Binary;

namespace V2gActors.Iso15118.V2gtp;

/// <summary>
/// The 8-byte V2GTP header (ISO 15118-2 §7.8.3, reused by -20): protocol version 0x01, its bitwise inverse
/// 0xFE, payload type and payload length, both big-endian.
/// </summary>
public readonly record struct V2gtpHeader(ushort PayloadType, uint PayloadLength)
{
    public const int Length = 8;
    public const byte ProtocolVersion = 0x01;
    public const byte InverseProtocolVersion = 0xFE;

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = ProtocolVersion;
        destination[1] = InverseProtocolVersion;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], PayloadType);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], PayloadLength);
    }

    /// <summary>Parses the header fields only; whether they are acceptable is <see cref="V2gtpFrameReader"/>'s call.</summary>
    public static V2gtpHeader Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt16BigEndian(source[2..]), BinaryPrimitives.ReadUInt32BigEndian(source[4..]));
}
