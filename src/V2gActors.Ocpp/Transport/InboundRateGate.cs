namespace V2gActors.Ocpp.Transport;

/// <summary>
/// One connection's inbound token bucket (sustained <c>perSecond</c>, up to <c>burst</c> back to back). Tokens are
/// refilled from the elapsed time when the read loop asks, never by a timer: with an auto-replenishing
/// <c>TokenBucketRateLimiter</c> every connection owned a 100 ms timer, so 10,000 mostly idle stations cost 100,000
/// timer callbacks per second on the thread pool, and the node's boot rate fell as the storm connected more of them.
/// </summary>
/// <remarks>Not thread-safe: only the connection's read loop calls it, one message at a time.</remarks>
internal sealed class InboundRateGate
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilledAt;

    public InboundRateGate(int perSecond, int burst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _capacity = Math.Max(1, burst);
        _time = time ?? TimeProvider.System;
        _tokens = _capacity;
        _refilledAt = _time.GetTimestamp();
    }

    /// <summary>Takes one token, waiting until one is due when the bucket is empty.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        Refill();
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return ValueTask.CompletedTask; // the common case: no allocation, no timer
        }
        return WaitForTokenAsync(cancellationToken);
    }

    private async ValueTask WaitForTokenAsync(CancellationToken cancellationToken)
    {
        while (_tokens < 1)
        {
            await Task.Delay(TimeSpan.FromSeconds((1 - _tokens) / _perSecond), _time, cancellationToken).ConfigureAwait(false);
            Refill();
        }
        _tokens -= 1;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond);
        _refilledAt = now;
    }
}
