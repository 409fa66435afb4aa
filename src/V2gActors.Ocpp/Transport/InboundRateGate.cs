using V2gActors.Domain.Pacing;

namespace V2gActors.Ocpp.Transport;

/// <summary>
/// One connection's inbound rate bound (a <see cref="TokenBucket"/>: sustained <c>perSecond</c>, up to <c>burst</c>
/// back to back), refilled from the elapsed time when the read loop asks, never by a timer: with an auto-replenishing
/// <c>TokenBucketRateLimiter</c> every connection owned a 100 ms timer, so 10,000 mostly idle stations cost 100,000
/// timer callbacks per second on the thread pool, and the node's boot rate fell as the storm connected more of them.
/// </summary>
/// <remarks>Not thread-safe: only the connection's read loop calls it, one message at a time.</remarks>
internal sealed class InboundRateGate
{
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private readonly long _start;

    public InboundRateGate(int perSecond, int burst, TimeProvider? time = null)
    {
        _bucket = new TokenBucket(perSecond, burst);
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
    }

    /// <summary>Takes one token, waiting until one is due when the bucket is empty.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken) =>
        _bucket.TryTake(Now, out var wait)
            ? ValueTask.CompletedTask // the common case: no allocation, no timer
            : WaitForTokenAsync(wait, cancellationToken);

    private async ValueTask WaitForTokenAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        do await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        while (!_bucket.TryTake(Now, out wait));
    }

    private TimeSpan Now => _time.GetElapsedTime(_start);
}
