using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Tests.Exi;
using V2gActors.Iso15118.V2gtp;

namespace V2gActors.Iso15118.Tests.V2gtp;

public sealed class V2gtpFrameReaderTests
{
    private readonly V2gtpFrameReader _reader = new();

    [Fact]
    public void Header_layout_is_version_inverse_type_length_big_endian()
    {
        var bytes = new V2gtpFrame(V2gtpPayloadType.SupportedAppProtocol, Convert.FromHexString("80400040")).ToBytes();
        Assert.Equal("01FE80010000000480400040", Convert.ToHexString(bytes));
    }

    [Fact]
    public void A_whole_frame_is_read_and_consumed()
    {
        var payload = ExiVectors.Get("libiso15118-013").Exi;
        var bytes = new V2gtpFrame(V2gtpPayloadType.Dc, payload).ToBytes();

        Assert.Equal(V2gtpReadStatus.Frame, _reader.TryRead(bytes, out var frame, out var consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(V2gtpPayloadType.Dc, frame!.KnownType);
        Assert.Equal(payload, frame.Payload.ToArray());
        Assert.Equal(ExiSchema.Dc, V2gtpPayloadTypes.SchemaOf(frame.KnownType!.Value));
        Assert.True(ExiCodec.TryDecode(ExiSchema.Dc, frame.Payload.Span, out var doc, out var error), error);
        Assert.Equal("DC_CableCheckRes", doc.RootName);
    }

    [Fact]
    public void Partial_input_asks_for_more_at_every_cut()
    {
        var bytes = new V2gtpFrame(V2gtpPayloadType.CommonMessages, new byte[20]).ToBytes();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Equal(V2gtpReadStatus.NeedMoreData, _reader.TryRead(bytes.AsSpan(0, cut), out var frame, out var consumed));
            Assert.Null(frame);
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Back_to_back_frames_are_split()
    {
        var first = new V2gtpFrame(V2gtpPayloadType.SupportedAppProtocol, new byte[] { 1, 2, 3 }).ToBytes();
        var second = new V2gtpFrame(V2gtpPayloadType.Ac, new byte[] { 4 }).ToBytes();
        var stream = first.Concat(second).ToArray();

        Assert.Equal(V2gtpReadStatus.Frame, _reader.TryRead(stream, out var a, out var used));
        Assert.Equal(V2gtpReadStatus.Frame, _reader.TryRead(stream.AsSpan(used), out var b, out var used2));
        Assert.Equal(stream.Length, used + used2);
        Assert.Equal((ushort)V2gtpPayloadType.SupportedAppProtocol, a!.PayloadType);
        Assert.Equal((ushort)V2gtpPayloadType.Ac, b!.PayloadType);
    }

    [Theory]
    [InlineData("02FD800100000000")]
    [InlineData("01FF800100000000")]
    [InlineData("0000000000000000")]
    public void Wrong_version_bytes_are_an_invalid_header(string hex)
    {
        Assert.Equal(V2gtpReadStatus.InvalidHeader, _reader.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Fact]
    public void An_oversized_length_is_refused_from_the_header_alone()
    {
        var header = new byte[8];
        new V2gtpHeader((ushort)V2gtpPayloadType.CommonMessages, uint.MaxValue).WriteTo(header);
        Assert.Equal(V2gtpReadStatus.PayloadTooLarge, _reader.TryRead(header, out _, out _));

        var small = new V2gtpFrameReader(maxPayloadLength: 4);
        Assert.Equal(V2gtpReadStatus.PayloadTooLarge,
            small.TryRead(new V2gtpFrame(V2gtpPayloadType.Dc, new byte[5]).ToBytes(), out _, out _));
        Assert.Equal(V2gtpReadStatus.Frame,
            small.TryRead(new V2gtpFrame(V2gtpPayloadType.Dc, new byte[4]).ToBytes(), out _, out _));
    }

    [Fact]
    public void An_unknown_reserved_payload_type_is_skipped_whole()
    {
        var bytes = new V2gtpFrame(0x8007, new byte[3]).ToBytes();
        Assert.Equal(V2gtpReadStatus.UnknownPayloadType, _reader.TryRead(bytes, out var frame, out var consumed));
        Assert.Null(frame);
        Assert.Equal(bytes.Length, consumed);
    }

    [Fact]
    public void Manufacturer_specific_types_are_delivered()
    {
        var bytes = new V2gtpFrame(0xA123, new byte[] { 9 }).ToBytes();
        Assert.Equal(V2gtpReadStatus.Frame, _reader.TryRead(bytes, out var frame, out _));
        Assert.Null(frame!.KnownType);
    }

    [Theory]
    [InlineData(V2gtpPayloadType.SupportedAppProtocol, ExiSchema.AppProtocol)]
    [InlineData(V2gtpPayloadType.CommonMessages, ExiSchema.CommonMessages)]
    [InlineData(V2gtpPayloadType.Ac, ExiSchema.Ac)]
    [InlineData(V2gtpPayloadType.Dc, ExiSchema.Dc)]
    [InlineData(V2gtpPayloadType.Acdp, ExiSchema.Acdp)]
    [InlineData(V2gtpPayloadType.ScheduleRenegotiation, ExiSchema.CommonMessages)]
    [InlineData(V2gtpPayloadType.MeteringConfirmation, ExiSchema.CommonMessages)]
    [InlineData(V2gtpPayloadType.AcdpSystemStatus, ExiSchema.Acdp)]
    public void Payload_types_select_their_schema(V2gtpPayloadType type, ExiSchema schema)
    {
        Assert.Equal(schema, V2gtpPayloadTypes.SchemaOf(type));
    }

    [Fact]
    public void Sdp_and_wpt_are_not_exi_this_codec_handles()
    {
        Assert.Null(V2gtpPayloadTypes.SchemaOf(V2gtpPayloadType.SdpRequest));
        Assert.Null(V2gtpPayloadTypes.SchemaOf(V2gtpPayloadType.Wpt));
    }

    [Fact]
    public void Vector_payload_types_match_their_namespaces()
    {
        foreach (var vector in ExiVectors.Values)
        {
            var type = (V2gtpPayloadType)Convert.ToUInt16(vector.PayloadTypeHex, 16);
            Assert.Equal(vector.Schema, V2gtpPayloadTypes.SchemaOf(type));
        }
    }

    [Fact]
    public void Random_streams_never_throw()
    {
        var random = new Random(8);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            if (bytes.Length > 1 && random.Next(2) == 0) { bytes[0] = 0x01; bytes[1] = 0xFE; }
            var status = _reader.TryRead(bytes, out var frame, out var consumed);
            Assert.InRange(consumed, 0, bytes.Length);
            Assert.Equal(status == V2gtpReadStatus.Frame, frame is not null);
        }
    }
}
