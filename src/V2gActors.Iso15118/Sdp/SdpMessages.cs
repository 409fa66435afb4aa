using System.Buffers.Binary;
using System.Net;
using V2gActors.Iso15118.V2gtp;

namespace V2gActors.Iso15118.Sdp;

/// <summary>SDP security byte (ISO 15118-2 §7.10.1.2, reused by -20): 0x00 TLS, 0x10 none.</summary>
public enum SdpSecurity : byte { Tls = 0x00, None = 0x10 }

/// <summary>SDP transport byte: 0x00 TCP (0x10 is reserved for UDP).</summary>
public enum SdpTransport : byte { Tcp = 0x00, Udp = 0x10 }

/// <summary>The EV's discovery request: V2GTP payload type 0x9000, two bytes.</summary>
public sealed record SdpRequest(SdpSecurity Security, SdpTransport Transport)
{
    public const int PayloadLength = 2;

    public byte[] ToDatagram() => new V2gtpFrame(V2gtpPayloadType.SdpRequest, new[] { (byte)Security, (byte)Transport }).ToBytes();

    /// <summary>Null for anything that is not exactly one well-formed SDP request (garbage is dropped, not answered).</summary>
    public static SdpRequest? TryParse(ReadOnlySpan<byte> datagram)
    {
        var frame = SingleFrame(datagram, V2gtpPayloadType.SdpRequest, PayloadLength);
        if (frame is null) return null;
        var p = frame.Payload.Span;
        return Enum.IsDefined((SdpSecurity)p[0]) && Enum.IsDefined((SdpTransport)p[1]) ? new SdpRequest((SdpSecurity)p[0], (SdpTransport)p[1]) : null;
    }

    internal static V2gtpFrame? SingleFrame(ReadOnlySpan<byte> datagram, V2gtpPayloadType type, int length)
    {
        var status = new V2gtpFrameReader(64).TryRead(datagram, out var frame, out var consumed);
        return status == V2gtpReadStatus.Frame && consumed == datagram.Length && frame!.PayloadType == (ushort)type && frame.Payload.Length == length
            ? frame : null;
    }
}

/// <summary>
/// The SECC's answer: V2GTP payload type 0x9001 with its IPv6 address (16 bytes; an IPv4 SECC sends the IPv4-mapped
/// form), TCP port (big-endian), security and transport.
/// </summary>
public sealed record SdpResponse(IPAddress Address, ushort Port, SdpSecurity Security, SdpTransport Transport)
{
    public const int PayloadLength = 20;

    public IPEndPoint EndPoint => new(Address.IsIPv4MappedToIPv6 ? Address.MapToIPv4() : Address, Port);

    public byte[] ToDatagram()
    {
        var payload = new byte[PayloadLength];
        var v6 = Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? Address.MapToIPv6() : Address;
        v6.GetAddressBytes().CopyTo(payload, 0);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(16), Port);
        payload[18] = (byte)Security;
        payload[19] = (byte)Transport;
        return new V2gtpFrame(V2gtpPayloadType.SdpResponse, payload).ToBytes();
    }

    public static SdpResponse? TryParse(ReadOnlySpan<byte> datagram)
    {
        var frame = SdpRequest.SingleFrame(datagram, V2gtpPayloadType.SdpResponse, PayloadLength);
        if (frame is null) return null;
        var p = frame.Payload.Span;
        return new SdpResponse(new IPAddress(p[..16]), BinaryPrimitives.ReadUInt16BigEndian(p[16..]), (SdpSecurity)p[18], (SdpTransport)p[19]);
    }
}
