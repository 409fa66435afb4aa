using V2gActors.LoadTest.Scenarios;
using V2gActors.LoadTest.Targets;
using V2gActors.TestSupport.Postgres;
using Xunit.Abstractions;

namespace V2gActors.LoadTest.Tests;

public sealed class TelemetryFloodTests(ITestOutputHelper output) : ScenarioTestBase(output)
{
    [Fact]
    public async Task Closed_loop_flood_on_sqlite_loses_no_acknowledged_transaction_event()
    {
        var report = await RunAsync(new TelemetryFloodScenario(), Small);

        AssertNothingLost(report);
    }

    internal static void AssertNothingLost(Reporting.ScenarioReport report)
    {
        var events = report.SeriesNamed("TransactionEvent")!;
        Assert.True(events.Count > 0, "no TransactionEvent was acknowledged");
        Assert.Equal(0, events.Failed);
        Assert.Equal(0, report.SeriesNamed("MeterValues")!.Failed);
        Assert.Equal(10, report.SeriesNamed("TransactionEvent(Started)")!.Count);
        Assert.True(report.CheckNamed(TelemetryFloodScenario.ZeroLost)!.Passed);
        Assert.DoesNotContain("not verifiable", report.CheckNamed(TelemetryFloodScenario.ZeroLost)!.Detail);
    }
}

/// <summary>The same flood journaled to PostgreSQL (the cluster's store), paced instead of closed-loop.</summary>
public sealed class PostgresTelemetryFloodTests(ITestOutputHelper output, PostgresDatabaseFixture database)
    : ScenarioTestBase(output), IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Paced_flood_on_postgres_loses_no_acknowledged_transaction_event()
    {
        var report = await RunAsync(new TelemetryFloodScenario(), Small with { RatePerSecond = 100 },
            new NodePersistence.Postgres(database.ConnectionString));

        TelemetryFloodTests.AssertNothingLost(report);
        // 100/s over 10 stations for 2 s: about 200 CALLs; pacing must not run away (no upper time bound is asserted).
        var sent = report.SeriesNamed("TransactionEvent")!.Count + report.SeriesNamed("MeterValues")!.Count;
        Assert.InRange(sent, 20, 260);
    }
}
