using System.Diagnostics;
using V2gActors.LoadTest.Reporting;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>Collects a run's parameters, facts and checks while a scenario runs, then adds the recorder's series.</summary>
public sealed class ReportBuilder(string scenario, LoadRun run)
{
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly MachineInfo _machine = MachineInfo.Now();
    private readonly Dictionary<string, string> _parameters = run.Settings.Describe();
    private readonly List<ReportFact> _facts = [];
    private readonly List<ReportCheck> _checks = [];

    public ReportBuilder Parameter(string name, string value) { _parameters[name] = value; return this; }

    public ReportBuilder Fact(string name, double value, string unit) { _facts.Add(new ReportFact(name, value, unit)); return this; }

    public ReportBuilder Check(string name, bool passed, string detail) { _checks.Add(new ReportCheck(name, passed, detail)); return this; }

    public async Task<ScenarioReport> BuildAsync() => new(
        scenario, _startedAt, Stopwatch.GetElapsedTime(_started), run.Target.Description, _machine.Finished(),
        _parameters, await run.SeriesAsync().ConfigureAwait(false), _facts, _checks);
}
