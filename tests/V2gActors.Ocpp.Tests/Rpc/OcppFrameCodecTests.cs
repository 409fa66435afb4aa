using System.Buffers;
using System.Text;
using V2gActors.Ocpp.Rpc;

namespace V2gActors.Ocpp.Tests.Rpc;

public class OcppFrameCodecTests
{
    private static OcppFrameParseResult Parse(string json, OcppVersion version = OcppVersion.V21) =>
        OcppFrameCodec.Parse(Encoding.UTF8.GetBytes(json), version);

    private static OcppFrameViolation Violation(string json, OcppVersion version = OcppVersion.V21)
    {
        var result = Parse(json, version);
        Assert.False(result.IsFrame, $"expected a violation for {json}");
        return result.Violation!;
    }

    private static string Utf8(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    [Fact]
    public void Parses_call()
    {
        var frame = Assert.IsType<CallFrame>(Parse("""[2,"19223201","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"X","vendorName":"V"}}]""").Frame);
        Assert.Equal("19223201", frame.MessageId);
        Assert.Equal("BootNotification", frame.Action);
        Assert.Equal("""{"reason":"PowerUp","chargingStation":{"model":"X","vendorName":"V"}}""", Utf8(frame.Payload));
    }

    [Fact]
    public void Parses_call_with_whitespace_and_keeps_payload_bytes_verbatim()
    {
        var frame = Assert.IsType<CallFrame>(Parse(" [ 2 , \"a\" , \"Heartbeat\" , { \"x\" : [1, 2] } ]\n").Frame);
        Assert.Equal("{ \"x\" : [1, 2] }", Utf8(frame.Payload));
    }

    [Fact]
    public void Parses_call_result()
    {
        var frame = Assert.IsType<CallResultFrame>(Parse("""[3,"id-1",{"currentTime":"2026-01-01T00:00:00Z"}]""").Frame);
        Assert.Equal("id-1", frame.MessageId);
        Assert.Equal("""{"currentTime":"2026-01-01T00:00:00Z"}""", Utf8(frame.Payload));
    }

    [Fact]
    public void Parses_call_error()
    {
        var frame = Assert.IsType<CallErrorFrame>(Parse("""[4,"id-2","NotImplemented","Unknown action",{"a":1}]""").Frame);
        Assert.Equal(OcppErrorCode.NotImplemented, frame.ErrorCode);
        Assert.Equal("Unknown action", frame.ErrorDescription);
        Assert.Equal("""{"a":1}""", Utf8(frame.ErrorDetails));
    }

    [Fact]
    public void Parses_call_result_error_on_21()
    {
        var frame = Assert.IsType<CallResultErrorFrame>(Parse("""[5,"id-3","FormatViolation","bad tariff",{}]""").Frame);
        Assert.Equal(OcppErrorCode.FormatViolation, frame.ErrorCode);
    }

    [Fact]
    public void Parses_send_on_21()
    {
        var frame = Assert.IsType<SendFrame>(Parse("""[6,"id-4","NotifyPeriodicEventStream",{"id":1}]""").Frame);
        Assert.Equal("NotifyPeriodicEventStream", frame.Action);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Types_5_and_6_are_not_supported_on_201(int type)
    {
        var json = type == 5 ? $"[{type},\"x\",\"GenericError\",\"\",{{}}]" : $"[{type},\"x\",\"A\",{{}}]";
        var v = Violation(json, OcppVersion.V201);
        Assert.Equal(OcppErrorCode.MessageTypeNotSupported, v.Code);
        Assert.Equal("x", v.MessageId);
        Assert.Equal(type, v.MessageTypeId);
    }

    [Theory]
    [InlineData("[1,\"abc\",\"A\",{}]", 1)]
    [InlineData("[7,\"abc\",\"A\",{}]", 7)]
    [InlineData("[99,\"abc\"]", 99)]
    [InlineData("[-2,\"abc\",{}]", -2)]
    public void Unknown_message_type_is_MessageTypeNotSupported_with_id(string json, int type)
    {
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.MessageTypeNotSupported, v.Code);
        Assert.Equal("abc", v.MessageId);
        Assert.Equal(type, v.MessageTypeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("{\"a\":1}")]
    [InlineData("\"[2,\\\"x\\\"]\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[2")]
    [InlineData("[2,")]
    [InlineData("[2,\"ab")]
    public void Unreadable_envelope_is_RpcFrameworkError_without_id(string json)
    {
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.RpcFrameworkError, v.Code);
        Assert.Null(v.MessageId);
    }

    [Fact]
    public void Invalid_utf8_is_RpcFrameworkError()
    {
        var bytes = new byte[] { (byte)'[', 0xC3, 0x28, (byte)']' };
        Assert.Equal(OcppErrorCode.RpcFrameworkError, OcppFrameCodec.Parse(bytes).Violation!.Code);
    }

    [Theory]
    [InlineData("[2,17,\"A\",{}]")]
    [InlineData("[2,null,\"A\",{}]")]
    [InlineData("[2,{},\"A\",{}]")]
    [InlineData("[2,\"\",\"A\",{}]")]
    public void Message_id_not_a_non_empty_string_is_RpcFrameworkError(string json)
    {
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.RpcFrameworkError, v.Code);
        Assert.Null(v.MessageId);
        Assert.Equal(2, v.MessageTypeId);
    }

    [Fact]
    public void Message_id_longer_than_36_is_RpcFrameworkError_and_echoed()
    {
        var id = new string('x', 37);
        var v = Violation($"[2,\"{id}\",\"A\",{{}}]");
        Assert.Equal(OcppErrorCode.RpcFrameworkError, v.Code);
        Assert.Equal(id, v.MessageId);
        Assert.True(Parse($"[2,\"{new string('x', 36)}\",\"A\",{{}}]").IsFrame);
    }

    [Theory]
    [InlineData("[\"2\",\"abc\",\"A\",{}]")]
    [InlineData("[2.5,\"abc\",\"A\",{}]")]
    [InlineData("[[2],\"abc\",\"A\",{}]")]
    public void Message_type_not_an_integer_is_RpcFrameworkError_but_id_is_kept(string json)
    {
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.RpcFrameworkError, v.Code);
        Assert.Equal("abc", v.MessageId);
        Assert.Null(v.MessageTypeId);
    }

    [Theory]
    [InlineData("[2,\"abc\"]")]
    [InlineData("[2,\"abc\",\"A\"]")]
    [InlineData("[2,\"abc\",\"A\",{},{}]")]
    [InlineData("[2,\"abc\",1,{}]")]
    [InlineData("[2,\"abc\",\"\",{}]")]
    [InlineData("[3,\"abc\"]")]
    [InlineData("[3,\"abc\",{},1]")]
    [InlineData("[4,\"abc\",\"GenericError\",\"d\"]")]
    [InlineData("[4,\"abc\",1,\"d\",{}]")]
    [InlineData("[4,\"abc\",\"GenericError\",null,{}]")]
    [InlineData("[4,\"abc\",\"GenericError\",\"d\",{},{}]")]
    [InlineData("[2,\"abc\",\"A\",{}] trailing")]
    [InlineData("[2,\"abc\",\"A\",{}][3,\"x\",{}]")]
    [InlineData("[2,\"abc\",\"A\",{},]")]
    public void Wrong_element_count_or_types_is_RpcFrameworkError_with_id(string json)
    {
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.RpcFrameworkError, v.Code);
        Assert.Equal("abc", v.MessageId);
    }

    [Theory]
    [InlineData("[2,\"abc\",\"A\",[]]")]
    [InlineData("[2,\"abc\",\"A\",\"{}\"]")]
    [InlineData("[2,\"abc\",\"A\",null]")]
    [InlineData("[2,\"abc\",\"A\",42]")]
    [InlineData("[3,\"abc\",true]")]
    [InlineData("[6,\"abc\",\"A\",[1]]")]
    public void Payload_not_an_object_is_FormatViolation(string json)
    {
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.FormatViolation, v.Code);
        Assert.Equal("abc", v.MessageId);
    }

    [Theory]
    [InlineData("[2,\"abc\",\"A\",{\"a\":]")]
    [InlineData("[2,\"abc\",\"A\",{\"a\":1")]
    [InlineData("[2,\"abc\",\"A\",{\"a\" 1}]")]
    [InlineData("[2,\"abc\",\"A\",{'a':1}]")]
    [InlineData("[2,\"abc\",\"A\",{\"a\":1,}]")]
    [InlineData("[3,\"abc\",{\"a\":tru}]")]
    public void Malformed_payload_json_is_FormatViolation_with_id(string json)
    {
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.FormatViolation, v.Code);
        Assert.Equal("abc", v.MessageId);
    }

    [Fact]
    public void Deeply_nested_payload_is_rejected_not_thrown()
    {
        var depth = 10_000;
        var json = "[2,\"abc\",\"A\"," + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "]";
        var v = Violation(json);
        Assert.Equal(OcppErrorCode.FormatViolation, v.Code);
        Assert.Equal("abc", v.MessageId);
    }

    [Fact]
    public void Deeply_nested_arrays_in_the_envelope_are_rejected_not_thrown()
    {
        var json = new string('[', 100_000);
        Assert.Equal(OcppErrorCode.RpcFrameworkError, Violation(json).Code);
    }

    [Fact]
    public void Payload_at_the_depth_limit_is_accepted()
    {
        var depth = OcppFrameCodec.MaxJsonDepth - 1; // the envelope array is one level
        var json = "[2,\"abc\",\"A\"," + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "]";
        Assert.True(Parse(json).IsFrame);
    }

    [Fact]
    public void Large_payload_round_trips()
    {
        var big = "{\"data\":\"" + new string('z', 200_000) + "\"}";
        var frame = Assert.IsType<CallResultFrame>(Parse($"[3,\"id\",{big}]").Frame);
        Assert.Equal(big, Utf8(frame.Payload));
    }

    [Fact]
    public void Escaped_strings_in_envelope_are_unescaped()
    {
        var frame = Assert.IsType<CallFrame>(Parse("""[2,"a\u0062c","Data\u0054ransfer",{}]""").Frame);
        Assert.Equal("abc", frame.MessageId);
        Assert.Equal("DataTransfer", frame.Action);
    }

    [Theory]
    [InlineData("FormationViolation", OcppErrorCode.FormatViolation)]
    [InlineData("OccurenceConstraintViolation", OcppErrorCode.OccurrenceConstraintViolation)]
    [InlineData("SomethingNew", OcppErrorCode.GenericError)]
    public void Received_error_codes_are_mapped_leniently(string wire, OcppErrorCode expected)
    {
        var frame = Assert.IsType<CallErrorFrame>(Parse($"[4,\"x\",\"{wire}\",\"d\",{{}}]").Frame);
        Assert.Equal(expected, frame.ErrorCode);
    }

    [Fact]
    public void Non_object_error_details_are_tolerated_as_empty()
    {
        var frame = Assert.IsType<CallErrorFrame>(Parse("""[4,"x","InternalError","db down","SQL [insert …]"]""").Frame);
        Assert.True(frame.ErrorDetails.IsEmpty);
    }

    public static TheoryData<OcppFrame> AllFrames() => new()
    {
        new CallFrame("c1", "Heartbeat", "{}"u8.ToArray()),
        new CallFrame("c2", "BootNotification", """{"reason":"PowerUp","n":[1,2.5,null,true],"s":"ünï\"code"}"""u8.ToArray()),
        new CallResultFrame("r1", """{"currentTime":"2026-11-24T06:00:00Z"}"""u8.ToArray()),
        new CallErrorFrame("e1", OcppErrorCode.OccurrenceConstraintViolation, "missing \"idToken\"", """{"field":"idToken"}"""u8.ToArray()),
        new CallResultErrorFrame("re1", OcppErrorCode.FormatViolation, "tariff unreadable", default),
        new SendFrame("s1", "NotifyPeriodicEventStream", """{"id":7,"pending":0,"basetime":"2026-11-24T06:00:00Z","data":[]}"""u8.ToArray()),
    };

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void Every_frame_type_round_trips(OcppFrame frame)
    {
        var bytes = OcppFrameCodec.ToBytes(frame);
        var parsed = OcppFrameCodec.Parse(bytes).Frame;
        Assert.NotNull(parsed);
        Assert.Equal(frame.Type, parsed.Type);
        Assert.Equal(frame.MessageId, parsed.MessageId);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(OcppFrameCodec.ToBytes(parsed)));
    }

    [Fact]
    public void Writes_the_exact_wire_shape()
    {
        Assert.Equal("""[2,"a","Heartbeat",{}]""", Encoding.UTF8.GetString(OcppFrameCodec.ToBytes(new CallFrame("a", "Heartbeat", default))));
        Assert.Equal("""[3,"a",{"x":1}]""", Encoding.UTF8.GetString(OcppFrameCodec.ToBytes(new CallResultFrame("a", """{"x":1}"""u8.ToArray()))));
        Assert.Equal("""[4,"a","RpcFrameworkError","bad",{}]""",
            Encoding.UTF8.GetString(OcppFrameCodec.ToBytes(new CallErrorFrame("a", OcppErrorCode.RpcFrameworkError, "bad", default))));
        Assert.Equal("""[5,"a","InternalError","",{}]""",
            Encoding.UTF8.GetString(OcppFrameCodec.ToBytes(new CallResultErrorFrame("a", OcppErrorCode.InternalError, "", default))));
        Assert.Equal("""[6,"a","X",{}]""", Encoding.UTF8.GetString(OcppFrameCodec.ToBytes(new SendFrame("a", "X", default))));
    }

    [Fact]
    public void Error_description_is_truncated_to_255_on_write()
    {
        var frame = new CallErrorFrame("a", OcppErrorCode.GenericError, new string('d', 1000), default);
        var parsed = Assert.IsType<CallErrorFrame>(OcppFrameCodec.Parse(OcppFrameCodec.ToBytes(frame)).Frame);
        Assert.Equal(255, parsed.ErrorDescription.Length);
    }

    [Fact]
    public void Writing_a_malformed_payload_throws_at_the_sender()
    {
        Assert.ThrowsAny<ArgumentException>(() => OcppFrameCodec.ToBytes(new CallFrame("a", "X", "{\"a\":"u8.ToArray())));
        Assert.Throws<ArgumentException>(() => OcppFrameCodec.EnsureJsonObject("[1]"u8.ToArray()));
        Assert.Throws<ArgumentException>(() => OcppFrameCodec.EnsureJsonObject("{}{}"u8.ToArray()));
        OcppFrameCodec.EnsureJsonObject("{\"a\":[1]}"u8.ToArray());
    }

    [Fact]
    public void Writes_into_any_buffer_writer_repeatedly()
    {
        var buffer = new ArrayBufferWriter<byte>();
        OcppFrameCodec.Write(new CallFrame("a", "A", default), buffer);
        OcppFrameCodec.Write(new CallFrame("b", "B", default), buffer);
        Assert.Equal("""[2,"a","A",{}][2,"b","B",{}]""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(12345);
        var seed = Encoding.UTF8.GetBytes("""[2,"abc","Action",{"a":[1,{"b":"c"}],"d":null}]""");
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])seed.Clone();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var cut = random.Next(bytes.Length + 1);
            var result = OcppFrameCodec.Parse(bytes.AsSpan(0, cut));
            Assert.True(result.IsFrame ^ result.Violation is not null);
        }
    }
}
