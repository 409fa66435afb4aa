namespace V2gActors.Engine.FrequencyFeed;

/// <summary>
/// One reading of a frequency meter as it arrived on the feed (docs/frequency-feed.md).
/// </summary>
/// <param name="Hz">Measured grid frequency.</param>
/// <param name="MeasuredAt">When the meter took it (<c>ts</c>), or null when the sender gave none.</param>
/// <param name="Source">Which meter (<c>src</c>); sequence numbers are per source.</param>
/// <param name="Sequence">The meter's sample counter (<c>seq</c>), or null; a sample not newer than the last one
/// accepted from its source is dropped (UDP reorders and duplicates).</param>
public sealed record FrequencySample(double Hz, DateTimeOffset? MeasuredAt, string Source, long? Sequence);

/// <summary>A datagram or message that is not a sample; <paramref name="Reason"/> says why (logged and counted).</summary>
public sealed record FrequencySampleError(string Reason);
