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

    [Fact]
    public async Task Stations_told_Pending_by_the_admission_gate_come_back_at_their_interval_and_count_as_Accepted()
    {
        // 3 at once, then 5/s: most of the 20 are told Pending with a booked slot and must retry to be counted.
        var report = await RunAsync(new BootStormScenario(), Small with { Chargers = 20 }, nodeSettings: new Dictionary<string, string?>
        {
            ["V2g:Registration:BootsPerSecond"] = "5",
            ["V2g:Registration:BootBurst"] = "3",
        });

        Assert.True(report.CheckNamed("all Accepted")!.Passed);
        Assert.Equal(0, report.SeriesNamed("BootNotification")!.Failed);
        Assert.True(report.FactNamed("Pending answers, retried after their interval") >= 10);
        Assert.Equal(0, report.SeriesNamed(Chargers.LoadCharger.RetriedBootSeries)!.Failed);
    }
}
