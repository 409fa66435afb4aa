using V2gActors.LoadTest.Scenarios;
using Xunit.Abstractions;

namespace V2gActors.LoadTest.Tests;

/// <summary>Scenario 6 at small N: every EV completes, every loop is recorded, the fleet's discharge reaches every loop.</summary>
public sealed class ChargeLoopTests(ITestOutputHelper output) : ScenarioTestBase(output)
{
    [Fact]
    public async Task Dc_and_ac_evs_run_their_charge_loops_and_all_follow_the_fleet_into_discharge()
    {
        var report = await RunAsync(new ChargeLoopScenario(), Small with { Chargers = 4, Duration = TimeSpan.FromSeconds(6) });

        Assert.True(report.SeriesNamed(ChargeLoopScenario.DcSeries)!.Count > 0);
        Assert.True(report.SeriesNamed(ChargeLoopScenario.AcSeries)!.Count > 0);
        Assert.NotNull(report.FactNamed(ChargeLoopScenario.DispatchToAllLoops));
    }
}
