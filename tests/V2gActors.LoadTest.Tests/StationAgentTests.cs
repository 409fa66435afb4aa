using V2gActors.LoadTest.Recording;
using V2gActors.LoadTest.Scenarios;
using V2gActors.LoadTest.Stations;
using Xunit.Abstractions;

namespace V2gActors.LoadTest.Tests;

/// <summary>Stations in station-agent child processes: the same report and checks as in-process, and the protocol.</summary>
public sealed class StationAgentTests(ITestOutputHelper output) : ScenarioTestBase(output)
{
    [Fact]
    public async Task Dispatch_fan_out_with_stations_in_two_child_processes_reaches_every_charger()
    {
        var report = await RunAsync(new DispatchFanoutScenario(), Small with { Chargers = 20, Events = 3, StationProcesses = 2 });

        Assert.Equal(3 * 20, report.SeriesNamed(DispatchScenario.FrameSeries)!.Count);
        Assert.Equal(20, report.SeriesNamed(DispatchScenario.WarmUpSeries)!.Count);
        Assert.Equal(3, report.SeriesNamed(DispatchScenario.LastFrameSeries)!.Count);
        Assert.True(report.CheckNamed(DispatchScenario.AllFramesArrived)!.Passed);
        // The agents' setup CALLs land in the parent's recorder as if the stations had run here.
        Assert.Equal(20, report.SeriesNamed("BootNotification")!.Count);
        Assert.Equal(20, report.SeriesNamed("TransactionEvent(Started)")!.Count);
        Assert.StartsWith("2 child process", report.Parameters["stations"]);
    }

    [Fact]
    public void Agent_lines_round_trip()
    {
        AgentMessage[] messages =
        [
            new AgentHello(1_000_000_000), new AgentPong(7, 123_456_789_012), new AgentReady(5000), new AgentReceipt(987_654_321_000),
            new AgentFrame(new FrameTimed("TransactionEvent(Started)", 1234, true, 42)), new AgentClosed(),
            new AgentStation(new StationState("LT0001-00001", true, "LT0001-00001-abc")), new AgentStation(new StationState("LT0001-00002", false, null)),
        ];
        foreach (var m in messages) Assert.Equal(m, AgentProtocol.Parse(AgentProtocol.Format(m)));

        var writer = new StringWriter();
        AgentProtocol.WriteReceipt(writer, long.MaxValue);
        Assert.Equal(new AgentReceipt(long.MaxValue), AgentProtocol.Parse(writer.ToString()));
        Assert.True(AgentProtocol.TryParsePing(AgentProtocol.Ping(3), out var token) && token == 3);
    }

    [Fact]
    public void Fleet_is_split_into_consecutive_slices()
    {
        Assert.Equal([(1, 5001), (5002, 5000)], ChildProcessStations.Slices(10_001, 2));
        Assert.Equal([(1, 1), (2, 1)], ChildProcessStations.Slices(2, 3));
    }

    [Fact]
    public void Station_processes_are_an_option_of_the_dispatch_scenarios_only()
    {
        var parsed = Cli.LoadTestArguments.Parse(["dispatch-fanout", "--chargers", "10000", "--station-processes", "2", "--deadline", "1800",
            "--node-setting", "V2g:Persistence:JournalBatchSize=1000"]);
        Assert.Equal(2, parsed.Settings.StationProcesses);
        Assert.Equal("1000", parsed.NodeSettings["V2g:Persistence:JournalBatchSize"]);
        Assert.Equal(TimeSpan.FromMinutes(30), parsed.Settings.Deadline);
        Assert.Throws<ArgumentException>(() => Cli.LoadTestArguments.Parse(["boot-storm", "--station-processes", "2"]));
    }

    [Fact]
    public void Agent_options_round_trip()
    {
        var options = new StationAgentOptions(new Uri("ws://127.0.0.1:19000/ocpp"), "secret", "LT12AB-", 5001, 5000, 100, TimeSpan.FromSeconds(30));
        Assert.Equal(options, StationAgentOptions.Parse(options.ToArguments()));
    }
}
