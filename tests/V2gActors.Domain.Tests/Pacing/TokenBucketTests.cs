using V2gActors.Domain.Pacing;

namespace V2gActors.Domain.Tests.Pacing;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_burst_then_the_rate_and_never_more_than_the_burst_after_idling()
    {
        var bucket = new TokenBucket(perSecond: 4, burst: 2);
        var t = TimeSpan.FromHours(1);

        Assert.True(bucket.TryTake(t, out _));
        Assert.True(bucket.TryTake(t, out _));
        Assert.False(bucket.TryTake(t, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(250), wait);

        Assert.True(bucket.TryTake(t + wait, out _));
        Assert.False(bucket.TryTake(t - TimeSpan.FromSeconds(1), out _)); // time going back refills nothing

        t += TimeSpan.FromMinutes(10);
        Assert.True(bucket.TryTake(t, out _));
        Assert.True(bucket.TryTake(t, out _));
        Assert.False(bucket.TryTake(t, out _));
    }
}
