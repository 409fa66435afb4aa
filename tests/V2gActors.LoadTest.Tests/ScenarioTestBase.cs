using V2gActors.LoadTest.Reporting;
using V2gActors.LoadTest.Scenarios;
using V2gActors.LoadTest.Targets;
using V2gActors.TestSupport;
using Xunit.Abstractions;

namespace V2gActors.LoadTest.Tests;

/// <summary>
/// The small-N scenario runs: correctness only (every frame arrives, nothing is lost), never a time budget. Each test
/// class is an Akka TestKit, which the <see cref="LoadHarness"/> uses for its recorder and probes.
/// </summary>
public abstract class ScenarioTestBase(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING", output)
{
    protected static readonly LoadScenarioSettings Small = new()
    {
        Chargers = 10,
        Duration = TimeSpan.FromSeconds(2),
        CallTimeout = TimeSpan.FromSeconds(30),
        Deadline = TimeSpan.FromSeconds(50),
        WarmUpEvents = 1,
    };

    protected async Task<ScenarioReport> RunAsync(ILoadScenario scenario, LoadScenarioSettings settings, NodePersistence? persistence = null,
        IReadOnlyDictionary<string, string?>? nodeSettings = null)
    {
        await using var node = await InProcessNode.StartAsync(persistence ?? new NodePersistence.TempSqlite(), nodeSettings);
        var report = await new LoadHarness(this).RunAsync(scenario, node, settings);
        var text = ReportText.Markdown(report);
        Output?.WriteLine(text);
        TestReport.Line($"load {report.Scenario} (small, correctness only): {settings.Chargers} chargers, " +
            string.Join("; ", report.Checks.Select(c => $"{c.Name}: {c.Detail}")));
        Assert.True(report.Passed, text);
        return report;
    }
}
