using V2gActors.Ocpp.Rpc;

namespace V2gActors.Ocpp.Tests.Rpc;

public class OcppViolationReplyTests
{
    [Fact]
    public void Broken_call_is_answered_with_call_error_and_its_id()
    {
        var reply = Assert.IsType<CallErrorFrame>(OcppViolationReply.For(new(2, "m1", OcppErrorCode.FormatViolation, "bad"), OcppVersion.V21));
        Assert.Equal("m1", reply.MessageId);
        Assert.Equal(OcppErrorCode.FormatViolation, reply.ErrorCode);
    }

    [Fact]
    public void Unreadable_id_is_answered_with_minus_one()
    {
        var reply = Assert.IsType<CallErrorFrame>(OcppViolationReply.For(new(null, null, OcppErrorCode.RpcFrameworkError, "not json"), OcppVersion.V201));
        Assert.Equal("-1", reply.MessageId);
    }

    [Fact]
    public void Broken_call_result_gets_call_result_error_on_21_only()
    {
        var violation = new OcppFrameViolation(3, "m2", OcppErrorCode.FormatViolation, "bad");
        Assert.IsType<CallResultErrorFrame>(OcppViolationReply.For(violation, OcppVersion.V21));
        Assert.Null(OcppViolationReply.For(violation, OcppVersion.V201));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Errors_and_sends_are_never_answered_on_21(int type) =>
        Assert.Null(OcppViolationReply.For(new(type, "m", OcppErrorCode.FormatViolation, "bad"), OcppVersion.V21));

    [Fact]
    public void Unknown_type_is_answered_even_for_5_on_201()
    {
        var reply = Assert.IsType<CallErrorFrame>(OcppViolationReply.For(new(5, "m", OcppErrorCode.MessageTypeNotSupported, "x"), OcppVersion.V201));
        Assert.Equal(OcppErrorCode.MessageTypeNotSupported, reply.ErrorCode);
    }

    [Fact]
    public void Long_descriptions_are_trimmed()
    {
        var reply = OcppViolationReply.For(new(2, "m", OcppErrorCode.FormatViolation, new string('x', 400)), OcppVersion.V21);
        Assert.Equal(255, ((CallErrorFrame)reply!).ErrorDescription.Length);
    }
}
