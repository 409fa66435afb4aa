using V2gActors.LoadTest.Scenarios;
using Xunit.Abstractions;

namespace V2gActors.LoadTest.Tests;

/// <summary>Scenarios 3 and 4 at small N: every setpoint frame of every event arrives, none lost, none extra.</summary>
public sealed class DispatchScenarioTests(ITestOutputHelper output) : ScenarioTestBase(output)
{
    [Theory]
    [InlineData(DispatchFanoutScenario.ScenarioName)]
    [InlineData(FrequencyStepScenario.ScenarioName)]
    public async Task Every_event_reaches_every_charger_of_the_fleet(string scenario)
    {
        Assert.True(ScenarioCatalog.TryCreate(scenario, out var run));
        var report = await RunAsync(run, Small with { Chargers = 8, Events = 6, WarmUpEvents = 2 });

        Assert.Equal(6 * 8, report.SeriesNamed(DispatchScenario.FrameSeries)!.Count);
        Assert.Equal(8, report.SeriesNamed(DispatchScenario.WarmUpSeries)!.Count);
        Assert.Equal(2 * 8, report.SeriesNamed(DispatchScenario.WarmUpUpdatesSeries)!.Count);
        Assert.Equal(6, report.SeriesNamed(DispatchScenario.LastFrameSeries)!.Count);
        Assert.True(report.CheckNamed(DispatchScenario.AllFramesArrived)!.Passed);
        Assert.NotNull(report.FactNamed("node ingress_to_frame_written p99"));
    }

    [Fact]
    public void Every_event_moves_the_target()
    {
        for (var k = 1; k < 40; k++)
        {
            Assert.NotEqual(DispatchFanoutScenario.TargetOf(k, 10_000), DispatchFanoutScenario.TargetOf(k - 1, 10_000));
            Assert.NotEqual(FrequencyStepScenario.StepOf(k), FrequencyStepScenario.StepOf(k - 1));
        }
    }
}
