using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Cmd.Protocol;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Metrics;
using V2gActors.Engine.Sessions;

namespace V2gActors.Cmd.Tests;

/// <summary>
/// A node with what a V2G deployment has: three simulated chargers with an EV each (open transactions), their vehicle
/// sessions registered through the engine's messages into two fleets, and one dispatched target whose frames the
/// chargers answered.
/// </summary>
public sealed class NodeWithFleetsFixture : IAsyncLifetime
{
    public const string FleetA = "FLEET-CMD-A";
    public const string FleetB = "FLEET-CMD-B";
    public static readonly string[] StationIds = ["SIM-V2G-1", "SIM-V2G-2", "SIM-V2G-3"];

    /// <summary>Session → (fleet, station): two sessions in fleet A, one in fleet B.</summary>
    public static readonly (string Session, string Fleet, string Station)[] Sessions =
        [("EV-CMD-1", FleetA, "SIM-V2G-1"), ("EV-CMD-2", FleetA, "SIM-V2G-2"), ("EV-CMD-3", FleetB, "SIM-V2G-3")];

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    public CmdTestNode Node { get; private set; } = null!;

    public ActorRegistry Registry => Node.App.Services.GetRequiredService<ActorRegistry>();

    public async Task InitializeAsync()
    {
        Node = await CmdTestNode.StartAsync();
        await Node.StartChargersAsync(StationIds);
        await Task.WhenAll(Node.Chargers.Select(c => c.StartTransactionAsync(1)));
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var id in StationIds)
                if ((await Node.StateAsync(id)).OpenTransactions.Length != 1) return false;
            return true;
        }, Within);

        var sessions = await Registry.GetAsync<VehicleSessionRegion>();
        foreach (var (session, fleet, station) in Sessions)
        {
            var charger = Node.Chargers.Single(c => c.StationId == station);
            var bounds = new SessionBounds(session, fleet, station, 1, MaxChargeW: 11_000, MaxDischargeW: 7_000, SocPercent: 55,
                ReservePercent: 20, TargetSocPercent: 90, EnergyRequestWh: 0, Departure: null, charger.ActiveTransactionId(1), DateTimeOffset.UtcNow);
            Assert.IsType<VehicleSessionRegistered>(await sessions.Ask<object>(new RegisterVehicleSession(bounds), Within));
        }
        await Eventually.HoldsAsync(async () => (await FleetAsync(FleetA)).Members.Length == 2 && (await FleetAsync(FleetB)).Members.Length == 1, Within);

        // One dispatch through the engine, answered by both of fleet A's chargers: the dispatch log has a complete record.
        var fleets = await Registry.GetAsync<FleetRegion>();
        Assert.IsType<FleetTargetDispatched>(await fleets.Ask<object>(
            new DispatchFleetTarget(FleetA, 12_000, TimeSpan.FromMinutes(30), "fixture", DateTimeOffset.UtcNow), Within));
        await Eventually.HoldsAsync(async () => (await FleetAsync(FleetA)).RecentDispatches is [{ AllAnswered: true }], Within);
    }

    public async Task<FleetStateView> FleetAsync(string fleetId) =>
        await (await Registry.GetAsync<FleetRegion>()).Ask<FleetStateView>(new GetFleetState(fleetId), TimeSpan.FromSeconds(10));

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>The fleet, session, dispatch, grid and frequency palettes through the real v2gcmd process.</summary>
public sealed class V2gPaletteTests(NodeWithFleetsFixture fixture) : IClassFixture<NodeWithFleetsFixture>
{
    private const string FleetA = NodeWithFleetsFixture.FleetA;
    private const string FleetB = NodeWithFleetsFixture.FleetB;

    private Task<CliRun> Cli(params string[] args) => CliProcess.RunAsync([fixture.Node.CommandTarget, .. args]);

    private static string Cell(JsonElement row, string column) => row.GetProperty(column).GetString()!;

    private static void Ok(CliRun run) => Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());

    // Nothing in this class asks about an id that does not exist (that would start an entity and change the counts).
    [Fact]
    public async Task Region_stats_count_the_chargers_sessions_and_fleets_the_node_holds()
    {
        // Idle fleet and session entities passivate; listing asks each one for its state, which brings them back.
        var fleets = await Cli("fleet", "list", "--json");
        Ok(fleets);
        Assert.Equal(2, fleets.Rows("fleets").Count);
        var sessions = await Cli("session", "list", "--json");
        Ok(sessions);
        Assert.Equal(3, sessions.Rows("sessions").Count);

        var regions = await Cli("cluster-sharding", "regions", "--json");
        Ok(regions);
        var types = regions.Rows().Select(r => Cell(r, "type")).ToList();
        Assert.Contains("fleet", types);
        Assert.Contains("vehicle-session", types);

        foreach (var (type, expected) in new[] { ("charger", 3), ("vehicle-session", 3), ("fleet", 2) })
        {
            var stats = await Cli("cluster-sharding", "region-stats", "-r", type, "--json");
            Ok(stats);
            var total = stats.Rows().Single(r => Cell(r, "node") == "total");
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), Cell(total, "entities"));
        }

        var shards = await Cli("cluster-sharding", "shard-stats", "-r", "vehicle-session", "--json");
        Ok(shards);
        var ids = string.Join(" ", shards.Rows().Select(r => Cell(r, "entity-ids")));
        foreach (var (session, _, _) in NodeWithFleetsFixture.Sessions) Assert.Contains(session, ids);
    }

    [Fact]
    public async Task Fleet_list_and_show_report_members_and_power()
    {
        var list = await Cli("fleet", "list", "--json");
        Ok(list);
        var a = list.Rows("fleets").Single(r => Cell(r, "fleet") == FleetA);
        Assert.Equal("2", Cell(a, "members"));
        Assert.Equal("yes", Cell(a, "running"));
        Assert.Equal("1", Cell(list.Rows("fleets").Single(r => Cell(r, "fleet") == FleetB), "members"));

        var show = await Cli("fleet", "show", FleetA, "--json");
        Ok(show);
        var members = show.Rows("members");
        Assert.Equal(["EV-CMD-1", "EV-CMD-2"], members.Select(m => Cell(m, "session")));
        Assert.Equal(["SIM-V2G-1", "SIM-V2G-2"], members.Select(m => Cell(m, "station")));
        Assert.Equal("11000", Cell(members[0], "max-charge-w"));

        var human = await Cli("fleet", "show", FleetA);
        Ok(human);
        Assert.Contains("EV-CMD-2", human.Stdout);
        Assert.Contains($"dispatch history {FleetA}", human.Stdout);
    }

    [Fact]
    public async Task Session_list_filters_by_fleet_and_show_reports_bounds_and_held_setpoint()
    {
        var all = await Cli("session", "list", "--json");
        Ok(all);
        Assert.Equal(["EV-CMD-1", "EV-CMD-2", "EV-CMD-3"], all.Rows("sessions").Select(r => Cell(r, "session")));

        var onlyB = await Cli("session", "list", "--fleet", FleetB, "--json");
        Ok(onlyB);
        var row = Assert.Single(onlyB.Rows("sessions"));
        Assert.Equal(("EV-CMD-3", "SIM-V2G-3", FleetB), (Cell(row, "session"), Cell(row, "station"), Cell(row, "fleet")));

        var show = await Cli("session", "show", "EV-CMD-2", "--json");
        Ok(show);
        var properties = show.Rows("session").ToDictionary(r => Cell(r, "property"), r => Cell(r, "value"));
        Assert.Equal(FleetA, properties["fleet"]);
        Assert.Equal("SIM-V2G-2", properties["station"]);
        Assert.Equal("55", properties["soc-percent"]);
        // The fixture's dispatch gave fleet A's sessions a setpoint (the fleet sends sessions theirs with the frames).
        Assert.NotEqual("", properties["held-setpoint-w"]);
    }

    [Fact]
    public async Task The_prompt_lists_the_v2g_palettes_and_runs_their_commands()
    {
        var session = await CliProcess.RunAsync([fixture.Node.CommandTarget], stdin: $"help\ngrid\nfleet list\nsession show EV-CMD-3\nexit\n");
        Ok(session);
        foreach (var text in new[] { "frequency", "dispatch", "grid event droop <fleet-ids>", FleetA, FleetB, "SIM-V2G-3" })
            Assert.Contains(text, session.Stdout);
    }

    [Fact]
    public async Task Charger_list_with_a_fleet_lists_only_that_fleets_stations()
    {
        var run = await Cli("charger", "list", "--fleet", FleetA, "--json");
        Ok(run);
        Assert.Equal(["SIM-V2G-1", "SIM-V2G-2"], run.Rows("chargers").Select(r => Cell(r, "station")));

        var all = await Cli("charger", "list", "--json");
        Ok(all);
        Assert.Equal(3, all.Rows("chargers").Count);
    }

    [Fact]
    public async Task Dispatch_history_shows_each_stage_and_every_frames_answer()
    {
        var run = await Cli("dispatch", "history", FleetA, "--json");
        Ok(run);
        var dispatch = run.Rows("dispatches").Single(r => Cell(r, "source") == "fixture");
        Assert.Equal("12000", Cell(dispatch, "target-w"));
        Assert.Equal("2", Cell(dispatch, "frames"));
        Assert.Equal("2", Cell(dispatch, "answered"));
        foreach (var stage in new[] { "fleet-ms", "allocated-ms", "last-ack-ms" })
            Assert.True(double.Parse(Cell(dispatch, stage), CultureInfo.InvariantCulture) >= 0, $"{stage} = {Cell(dispatch, stage)}");

        var frames = run.Rows("frames").Where(f => Cell(f, "dispatch") == Cell(dispatch, "dispatch")).ToList();
        Assert.Equal(["SIM-V2G-1", "SIM-V2G-2"], frames.Select(f => Cell(f, "station")).Order());
        Assert.All(frames, f => Assert.Equal("SetChargingProfile", Cell(f, "action")));
        Assert.All(frames, f => Assert.NotEqual("", Cell(f, "acked-ms")));

        var human = await Cli("dispatch", "history", FleetA, "-n", "1");
        Ok(human);
        Assert.Contains("SetChargingProfile", human.Stdout);
    }

    [Fact]
    public async Task Dispatch_latency_reports_the_recorder_or_says_clearly_that_there_is_none()
    {
        if (!fixture.Registry.TryGet<DispatchLatencyRecorder>(out _))
        {
            var missing = await Cli("dispatch", "latency");
            Assert.True(missing.ExitCode == ExitCodes.Unavailable, missing.ToString());
            Assert.Contains("No dispatch latency recorder", missing.Stderr);
            var json = await Cli("dispatch", "latency", "--json");
            Assert.Equal(ExitCodes.Unavailable, json.ExitCode);
            Assert.Equal("unavailable", json.Status);

            // The contract (registry key, GetDispatchLatency → DispatchLatencyReport) is what the command relies on.
            var system = fixture.Node.App.Services.GetRequiredService<ActorSystem>();
            fixture.Registry.TryRegister<DispatchLatencyRecorder>(system.ActorOf(Props.Create(() => new FixedLatencyRecorder()), "test-latency-recorder"));
        }

        var run = await Cli("dispatch", "latency", "--json");
        Ok(run);
        Assert.NotEmpty(run.Rows("dispatch latency"));
        Assert.All(run.Rows("dispatch latency"), r => Assert.True(double.Parse(Cell(r, "p99-ms"), CultureInfo.InvariantCulture) >= 0));
    }

    /// <summary>Stands in for the recorder when the node runs none, answering with the contract's report.</summary>
    private sealed class FixedLatencyRecorder : ReceiveActor
    {
        public FixedLatencyRecorder() => Receive<GetDispatchLatency>(_ => Sender.Tell(new DispatchLatencyReport(DateTimeOffset.UtcNow,
            [new StageLatency("ingress-to-fleet", 3, 0.2, 0.4, 0.5, 0.5, 0.5), new StageLatency("fleet-to-frame", 3, 1.5, 2, 2.5, 2.5, 2.5)])));
    }

    [Fact]
    public async Task Operator_target_grid_events_and_frequency_steps_need_the_token_and_reach_the_fleet()
    {
        var token = CmdTestNode.Token;
        foreach (var command in new[]
                 {
                     new[] { "fleet", "target", FleetB, "-2000" }, ["grid", "event", "target", FleetB, "3000"],
                     ["grid", "event", "limits", FleetB, "--max-import-w", "5000"], ["grid", "event", "droop", FleetB],
                     ["frequency", "step", "49.9"],
                 })
        {
            var refused = await Cli([.. command, "--json"]);
            Assert.True(refused.ExitCode == ExitCodes.AuthRefused, refused.ToString());
            Assert.Equal("unauthorized", refused.Status);
        }
        Assert.Empty((await fixture.FleetAsync(FleetB)).RecentDispatches);

        // fleet target: dispatched at once, visible in the fleet and its dispatch log with the operator as source.
        var target = await Cli("fleet", "target", FleetB, "-2000", "--duration", "10m", "--token", token);
        Ok(target);
        Assert.Contains("dispatched", target.Stdout);
        Assert.Equal(-2000, (await fixture.FleetAsync(FleetB)).TargetW);
        var history = await Cli("dispatch", "history", FleetB, "--json");
        Ok(history);
        var operatorDispatch = history.Rows("dispatches").Last();
        Assert.Equal(("operator", "-2000"), (Cell(operatorDispatch, "source"), Cell(operatorDispatch, "target-w")));

        // grid event target: through GridIngress to the fleet.
        var gridTarget = await Cli("grid", "event", "target", FleetB, "3000", "-d", "30m", "-p", "2", "--token", token, "--json");
        Ok(gridTarget);
        Assert.Equal("3000", Cell(gridTarget.Rows("fleets answering the grid").Single(r => Cell(r, "fleet") == FleetB), "last-target-w"));
        await Eventually.HoldsAsync(async () => (await fixture.FleetAsync(FleetB)).TargetW == 3000, TimeSpan.FromSeconds(30));

        // limits: an import cap below the target clamps it.
        var limits = await Cli("grid", "event", "limits", FleetB, "--max-import-w", "2500", "--token", token);
        Ok(limits);
        await Eventually.HoldsAsync(async () => (await fixture.FleetAsync(FleetB)).TargetW == 2500, TimeSpan.FromSeconds(30));
        var noCaps = await Cli("grid", "event", "limits", FleetB, "--token", token);
        Assert.True(noCaps.ExitCode == ExitCodes.Usage, noCaps.ToString());

        // droop + frequency step: under-frequency lowers the fleet's import, and it returns when the step ends.
        var droop = await Cli("grid", "event", "droop", FleetB, "--reference-w", "20000", "--token", token);
        Ok(droop);
        var step = await Cli("frequency", "step", "49.8", "--duration", "3s", "--back-to", "50", "--token", token);
        Ok(step);
        Assert.Contains("back to 50 Hz", step.Stdout);
        await Eventually.HoldsAsync(async () => (await fixture.FleetAsync(FleetB)).TargetW < 2500, TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => (await fixture.FleetAsync(FleetB)).TargetW == 2500, TimeSpan.FromSeconds(60));

        var show = await Cli("grid", "show", "--json");
        Ok(show);
        Assert.Equal("20000", Cell(show.Rows().Single(r => Cell(r, "fleet") == FleetB), "reference-w"));
        Assert.Contains("50 Hz", show.Json.GetProperty("message").GetString());

        var typo = await Cli("frequency", "step", "498", "--token", token);
        Assert.True(typo.ExitCode == ExitCodes.Usage, typo.ToString());
    }
}
