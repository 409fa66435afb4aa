using V2gActors.LoadTest.Cli;
using V2gActors.LoadTest.Reporting;
using V2gActors.LoadTest.Scenarios;

namespace V2gActors.LoadTest.Tests;

public sealed class ReportAndCatalogTests
{
    private static ScenarioReport Sample() => new(
        "boot-storm", new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(3), "test target",
        MachineInfo.Now().Finished(), new Dictionary<string, string> { ["chargers"] = "5" },
        [new SeriesSummary("BootNotification", 5, 0, 1, 2, 3, 4, 5, 2, 100)],
        [new ReportFact(BootStormScenario.TimeToAllAccepted, 0.5, "s")],
        [new ReportCheck("all Accepted", true, "5 of 5")]);

    [Fact]
    public async Task Reports_are_written_as_json_and_markdown()
    {
        var folder = Path.Combine(Path.GetTempPath(), "v2g-load-report-" + Guid.NewGuid().ToString("N"));
        var (json, markdown) = await ReportWriter.WriteAsync(Sample(), folder);

        var back = ReportWriter.FromJson(await File.ReadAllTextAsync(json))!;
        Assert.Equal("boot-storm", back.Scenario);
        Assert.Equal(3, back.Series.Single().P99Ms);
        Assert.True(back.Passed);
        var md = await File.ReadAllTextAsync(markdown);
        Assert.Contains("| BootNotification | 5 | 0 | 1.00 | 2.00 | 3.00 | 4.00 | 5.00 | 2.00 | 100 |", md);
        Assert.Contains("- [x] all Accepted: 5 of 5", md);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Scenarios_waiting_on_the_engine_are_listed_but_not_runnable()
    {
        Assert.Equal(new[] { "boot-storm", "charge-loop", "connection-soak", "dispatch-fanout", "frequency-step", "telemetry-flood" },
            ScenarioCatalog.RunnableNames);
        Assert.Empty(ScenarioCatalog.Planned);
        foreach (var planned in ScenarioCatalog.Planned)
            Assert.False(ScenarioCatalog.TryCreate(planned.Name, out _));
    }

    [Fact]
    public void Command_line_is_parsed()
    {
        var parsed = LoadTestArguments.Parse(["telemetry-flood", "--chargers", "1000", "--duration", "60", "--rate", "20000", "--out", "x"]);

        Assert.Equal("telemetry-flood", parsed.Scenario);
        Assert.Equal(1000, parsed.Settings.Chargers);
        Assert.Equal(TimeSpan.FromSeconds(60), parsed.Settings.Duration);
        Assert.Equal(20000, parsed.Settings.RatePerSecond);
        Assert.Equal("x", parsed.OutputFolder);
        Assert.Null(parsed.Url);
        Assert.Throws<ArgumentException>(() => LoadTestArguments.Parse(["boot-storm", "--bogus"]));
    }
}
