namespace V2gActors.Domain.Pacing;

/// <summary>
/// A token bucket refilled from elapsed time when it is asked, never by a timer: sustained <c>perSecond</c>, up to
/// <c>burst</c> back to back. Pure: the caller brings the time, on any monotonic scale. Not thread-safe. Used where a
/// timer per instance would cost more than the pacing (one per connection, one per charger entity).
/// </summary>
public sealed class TokenBucket
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private TimeSpan? _refilledAt;

    public TokenBucket(double perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _capacity = Math.Max(1, burst);
        _tokens = _capacity;
    }

    /// <summary>Takes a token if one is there at <paramref name="now"/>; otherwise says how long until one is.</summary>
    public bool TryTake(TimeSpan now, out TimeSpan retryIn)
    {
        if (_refilledAt is { } last && now > last)
            _tokens = Math.Min(_capacity, _tokens + (now - last).TotalSeconds * _perSecond);
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            retryIn = TimeSpan.Zero;
            return true;
        }
        retryIn = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
        return false;
    }
}
