using HdrHistogram;

namespace V2gActors.Engine.Metrics;

/// <summary>
/// One HdrHistogram per stage, microseconds with 3 significant digits up to one hour (a stalled frame is still
/// recorded, not dropped). Not thread-safe: owned by <see cref="DispatchLatencyRecorderActor"/>.
/// </summary>
public sealed class StageHistograms
{
    private const long HighestMicroseconds = 3_600_000_000;
    private readonly Dictionary<string, LongHistogram> _stages = new(StringComparer.Ordinal);

    public StageHistograms()
    {
        foreach (var stage in DispatchStages.All) _stages[stage] = new LongHistogram(1, HighestMicroseconds, 3);
    }

    public void Record(string stage, TimeSpan elapsed)
    {
        // Clocks are the same wall clock on one node, but a negative interval can still appear across a clock step.
        var micros = (long)Math.Round(elapsed.TotalMicroseconds);
        _stages[stage].RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
    }

    public IReadOnlyList<StageLatency> Summarise() => [.. DispatchStages.All.Select(stage =>
    {
        var h = _stages[stage];
        var count = h.TotalCount;
        double Ms(double percentile) => count == 0 ? 0 : h.GetValueAtPercentile(percentile) / 1000.0;
        return new StageLatency(stage, count, Ms(50), Ms(90), Ms(99), Ms(99.9), count == 0 ? 0 : h.GetMaxValue() / 1000.0);
    })];
}
