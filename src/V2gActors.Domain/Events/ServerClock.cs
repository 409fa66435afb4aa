namespace V2gActors.Domain.Events;

/// <summary>
/// Event times are in the server's clock. The client learns the offset from the Time resource and applies
/// it to its own clock instead of trusting that both are in sync.
/// </summary>
public readonly record struct ServerClock(long OffsetSeconds)
{
    public static ServerClock InSync => new(0);

    /// <summary>Offset from a Time resource's currentTime and the local instant it was received.</summary>
    public static ServerClock FromServerTime(long serverCurrentTime, DateTimeOffset receivedAtLocal) =>
        new(serverCurrentTime - receivedAtLocal.ToUnixTimeSeconds());

    public long ServerNow(DateTimeOffset localNow) => localNow.ToUnixTimeSeconds() + OffsetSeconds;
}
