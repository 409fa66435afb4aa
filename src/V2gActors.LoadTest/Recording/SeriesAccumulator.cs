using System.Diagnostics;
using HdrHistogram;
using V2gActors.LoadTest.Reporting;

namespace V2gActors.LoadTest.Recording;

/// <summary>
/// The latency histogram and counters of one series. Values are microseconds with 3 significant digits (0.1 %
/// resolution), up to one hour, so a stalled call is still recorded instead of overflowing the histogram.
/// Not thread-safe: owned by <see cref="LatencyRecorderActor"/>, which processes one message at a time.
/// </summary>
public sealed class SeriesAccumulator(string series)
{
    private const long HighestTrackableMicroseconds = 3_600_000_000;
    private readonly LongHistogram _histogram = new(1, HighestTrackableMicroseconds, 3);
    private long _firstAnsweredAt = long.MaxValue;
    private long _lastAnsweredAt = long.MinValue;

    public string Series { get; } = series;
    public long Succeeded { get; private set; }
    public long Failed { get; private set; }

    public void Add(FrameTimed frame)
    {
        _firstAnsweredAt = Math.Min(_firstAnsweredAt, frame.AnsweredAt);
        _lastAnsweredAt = Math.Max(_lastAnsweredAt, frame.AnsweredAt);
        if (!frame.Succeeded) { Failed++; return; }
        Succeeded++;
        // Sub-microsecond answers do not exist over a socket, but clamp anyway: the histogram's lowest value is 1.
        _histogram.RecordValue(Math.Clamp(frame.Microseconds, 1, HighestTrackableMicroseconds));
    }

    /// <summary>Percentiles in milliseconds; throughput is successful frames over the span between the first and the
    /// last answer of this series (so idle time before the first call does not dilute it).</summary>
    public SeriesSummary Summarise()
    {
        var span = _lastAnsweredAt > _firstAnsweredAt ? Stopwatch.GetElapsedTime(_firstAnsweredAt, _lastAnsweredAt) : TimeSpan.Zero;
        double Ms(double percentile) => Succeeded == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        return new SeriesSummary(
            Series, Succeeded, Failed,
            P50Ms: Ms(50), P90Ms: Ms(90), P99Ms: Ms(99), P999Ms: Ms(99.9),
            MaxMs: Succeeded == 0 ? 0 : _histogram.GetMaxValue() / 1000.0,
            MeanMs: Succeeded == 0 ? 0 : _histogram.GetMean() / 1000.0,
            PerSecond: span.TotalSeconds > 0 ? Succeeded / span.TotalSeconds : 0);
    }
}
