namespace V2gActors.LoadTest.Reporting;

/// <summary>Latency percentiles (ms) and throughput of one series, from its HdrHistogram.</summary>
public sealed record SeriesSummary(
    string Series, long Count, long Failed,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs,
    double PerSecond);

/// <summary>A measured figure that is not a latency (time to all Accepted, bytes per 1k connections, ...).</summary>
public sealed record ReportFact(string Name, double Value, string Unit);

/// <summary>A correctness check of the run (all frames arrived, nothing lost). Never a time budget: those are judged
/// in docs/benchmarks.md against the machine the figure came from.</summary>
public sealed record ReportCheck(string Name, bool Passed, string Detail);

/// <summary>Everything one scenario run produced; written as JSON and Markdown and printed.</summary>
public sealed record ScenarioReport(
    string Scenario,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    string Target,
    MachineInfo Machine,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<SeriesSummary> Series,
    IReadOnlyList<ReportFact> Facts,
    IReadOnlyList<ReportCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);

    public SeriesSummary? SeriesNamed(string name) => Series.FirstOrDefault(s => s.Series == name);

    public ReportCheck? CheckNamed(string name) => Checks.FirstOrDefault(c => c.Name == name);

    public double? FactNamed(string name) => Facts.FirstOrDefault(f => f.Name == name)?.Value;
}
