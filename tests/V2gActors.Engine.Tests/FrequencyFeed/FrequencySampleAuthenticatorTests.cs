using System.Text;
using V2gActors.Engine.FrequencyFeed;

namespace V2gActors.Engine.Tests.FrequencyFeed;

public sealed class FrequencySampleAuthenticatorTests
{
    private static readonly byte[] Sample = """{"seq":7,"hz":49.95,"src":"pmu-1"}"""u8.ToArray();

    [Fact]
    public void A_sealed_sample_opens_to_its_json()
    {
        var feed = new FrequencySampleAuthenticator("feed-secret-0123456789");

        Assert.True(feed.TryOpen(FrequencySampleAuthenticator.Seal(Sample, "feed-secret-0123456789"), out var json, out var refusal));
        Assert.Null(refusal);
        Assert.Equal(Sample, json.ToArray());
    }

    [Theory]
    [InlineData("no seal")]
    [InlineData("wrong key")]
    [InlineData("tampered")]
    [InlineData("bad hex")]
    public void Unsealed_forged_or_tampered_samples_are_refused(string how)
    {
        var feed = new FrequencySampleAuthenticator("feed-secret-0123456789");
        var message = how switch
        {
            "no seal" => Sample,
            "wrong key" => FrequencySampleAuthenticator.Seal(Sample, "another-key"),
            "tampered" => Tampered(FrequencySampleAuthenticator.Seal(Sample, "feed-secret-0123456789")),
            _ => [.. Sample, (byte)'\n', .. Encoding.ASCII.GetBytes(new string('z', 64))],
        };

        Assert.False(feed.TryOpen(message, out _, out var refusal));
        Assert.StartsWith("unauthenticated", refusal);
    }

    /// <summary>The sealed sample with one digit of its frequency changed after sealing.</summary>
    private static byte[] Tampered(byte[] sealedSample)
    {
        var at = Array.IndexOf(sealedSample, (byte)'9');
        sealedSample[at] = (byte)'8';
        return sealedSample;
    }

    [Fact]
    public void Without_a_key_samples_pass_as_they_come()
    {
        Assert.True(FrequencySampleAuthenticator.None.TryOpen(Sample, out var json, out _));
        Assert.Equal(Sample, json.ToArray());
        Assert.False(FrequencySampleAuthenticator.None.RequiresSeal);
    }
}
