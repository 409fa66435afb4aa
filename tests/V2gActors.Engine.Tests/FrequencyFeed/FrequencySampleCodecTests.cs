using System.Text;
using V2gActors.Engine.FrequencyFeed;

namespace V2gActors.Engine.Tests.FrequencyFeed;

public sealed class FrequencySampleCodecTests
{
    private static bool Parse(string text, out FrequencySample sample, out FrequencySampleError error) =>
        FrequencySampleCodec.TryParse(Encoding.UTF8.GetBytes(text), out sample, out error);

    [Fact]
    public void The_documented_sample_parses_and_round_trips()
    {
        Assert.True(Parse("""{"seq":42,"ts":1764514800123,"hz":49.952,"src":"pmu-1"}""", out var sample, out _));
        Assert.Equal(new FrequencySample(49.952, DateTimeOffset.FromUnixTimeMilliseconds(1764514800123), "pmu-1", 42), sample);

        Assert.True(FrequencySampleCodec.TryParse(FrequencySampleCodec.Encode(sample), out var back, out _));
        Assert.Equal(sample, back);
    }

    [Theory]
    [InlineData("""{"hz":50.01}""", 50.01, null, "default", null)]
    [InlineData("""{"hz":59.98,"ts":"2025-11-30T15:00:00.5+00:00","src":"a","extra":{"x":[1,2]}}""", 59.98, 1764514800500L, "a", null)]
    [InlineData("""{"src":"b","hz":50,"seq":0}""", 50.0, null, "b", 0L)]
    public void Optional_members_and_unknown_ones_are_accepted(string text, double hz, long? tsMs, string source, long? seq)
    {
        Assert.True(Parse(text, out var sample, out var error), error?.Reason);
        Assert.Equal(new FrequencySample(hz, tsMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, source, seq), sample);
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("not json", "not JSON")]
    [InlineData("[49.9]", "JSON object")]
    [InlineData("""{"seq":1}""", "hz")]
    [InlineData("""{"hz":"50"}""", "hz")]
    [InlineData("""{"hz":-1}""", "hz")]
    [InlineData("""{"hz":50,"seq":1.5}""", "seq")]
    [InlineData("""{"hz":50,"ts":true}""", "ts")]
    [InlineData("""{"hz":50,"src":7}""", "src")]
    [InlineData("""{"hz":50} {"hz":51}""", "JSON")]
    [InlineData("""{"hz":50""", "not JSON")]
    public void Anything_else_is_refused_with_a_reason(string text, string reasonMentions)
    {
        Assert.False(Parse(text, out _, out var error));
        Assert.Contains(reasonMentions, error.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Oversized_datagrams_are_refused_unread()
    {
        var big = "{\"hz\":50,\"pad\":\"" + new string('x', FrequencySampleCodec.MaxBytes) + "\"}";
        Assert.False(Parse(big, out _, out var error));
        Assert.Contains("bytes", error.Reason);
    }
}
