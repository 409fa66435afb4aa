using System.Text;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Tests.Xml;

public class HostileInputTests
{
    [Fact]
    public void External_entity_is_refused_before_anything_is_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "TOP-SECRET");
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE Error [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
            <Error xmlns="urn:ieee:std:2030.5:ns"><reasonCode>&xxe;</reasonCode></Error>
            """;

        var e = Assert.Throws<SepXmlException>(() => SepXml.Deserialize<Error>(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(SepXmlFailure.ProhibitedDtd, e.Failure);
        Assert.DoesNotContain("TOP-SECRET", e.Message);
    }

    [Fact]
    public void Entity_expansion_bomb_is_refused()
    {
        var body = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <Time xmlns="urn:ieee:std:2030.5:ns"><currentTime>&lol3;</currentTime></Time>
            """;

        var e = Assert.Throws<SepXmlException>(() => SepXml.Deserialize<Time>(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(SepXmlFailure.ProhibitedDtd, e.Failure);
    }

    [Fact]
    public void Oversize_body_is_refused_without_parsing()
    {
        var padding = new string(' ', SepXml.DefaultMaxBytes);
        var body = Encoding.UTF8.GetBytes($"<Time xmlns=\"urn:ieee:std:2030.5:ns\">{padding}</Time>");

        var e = Assert.Throws<SepXmlException>(() => SepXml.Deserialize<Time>(body));

        Assert.Equal(SepXmlFailure.TooLarge, e.Failure);
    }

    [Fact]
    public async Task Oversize_stream_is_refused_while_reading()
    {
        var body = new MemoryStream(new byte[SepXml.DefaultMaxBytes + 1]);

        var e = await Assert.ThrowsAsync<SepXmlException>(() => SepXml.DeserializeAsync<Time>(body));

        Assert.Equal(SepXmlFailure.TooLarge, e.Failure);
    }

    [Theory]
    [InlineData("<Time xmlns=\"urn:ieee:std:2030.5:ns\"><currentTime>12")]
    [InlineData("not xml at all")]
    [InlineData("")]
    [InlineData("<Time xmlns=\"urn:ieee:std:2030.5:ns\"><currentTime>yesterday</currentTime></Time>")]
    [InlineData("<Time xmlns=\"urn:ieee:std:2030.5:ns\"><currentTime>99999999999999999999999</currentTime></Time>")]
    public void Malformed_input_is_a_clear_codec_error(string body)
    {
        var e = Assert.Throws<SepXmlException>(() => SepXml.Deserialize<Time>(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(SepXmlFailure.Malformed, e.Failure);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Theory]
    [InlineData("<Time><currentTime>1</currentTime></Time>")]
    [InlineData("<EndDevice xmlns=\"urn:ieee:std:2030.5:ns\"/>")]
    public void Wrong_root_or_namespace_names_what_was_expected(string body)
    {
        var e = Assert.Throws<SepXmlException>(() => SepXml.Deserialize<Time>(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(SepXmlFailure.UnexpectedRoot, e.Failure);
        Assert.Contains("Time", e.Message);
    }
}
