using V2gActors.LoadTest.Scenarios;
using Xunit.Abstractions;

namespace V2gActors.LoadTest.Tests;

public sealed class BootStormTests(ITestOutputHelper output) : ScenarioTestBase(output)
{
    [Fact]
    public async Task Every_station_of_a_simultaneous_boot_is_accepted_and_every_answer_recorded()
    {
        var report = await RunAsync(new BootStormScenario(), Small with { Chargers = 25 });

        Assert.Equal(25, report.SeriesNamed("BootNotification")!.Count);
        Assert.Equal(0, report.SeriesNamed("BootNotification")!.Failed);
        Assert.Equal(25, report.SeriesNamed("connect")!.Count);
        Assert.True(report.FactNamed(BootStormScenario.TimeToAllAccepted) > 0);
        Assert.True(report.CheckNamed("entities registered")!.Passed);
    }
}
