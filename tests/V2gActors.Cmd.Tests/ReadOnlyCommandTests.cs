using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Tests;

/// <summary>One node with three simulated chargers, shared by the read-only commands (they change nothing).</summary>
public sealed class NodeWithChargersFixture : IAsyncLifetime
{
    public static readonly string[] StationIds = ["SIM-CMD-1", "SIM-CMD-2", "SIM-CMD-3"];

    public CmdTestNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await CmdTestNode.StartAsync();
        await Node.StartChargersAsync(StationIds);
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>Every read-only command through the real v2gcmd process against the real command host.</summary>
public sealed class ReadOnlyCommandTests(NodeWithChargersFixture fixture) : IClassFixture<NodeWithChargersFixture>
{
    private string Target => fixture.Node.CommandTarget;

    private Task<CliRun> Cli(params string[] args) => CliProcess.RunAsync([Target, .. args]);

    [Fact]
    public async Task Help_lists_the_palettes_and_a_palettes_commands()
    {
        var all = await Cli("help");
        Assert.True(all.ExitCode == ExitCodes.Ok, all.ToString());
        foreach (var palette in new[] { "cluster", "cluster-sharding", "actor", "log", "charger", "fleet", "session", "dispatch", "grid", "frequency" })
            Assert.Contains(palette, all.Stdout);

        var charger = await Cli("help", "charger");
        Assert.True(charger.ExitCode == ExitCodes.Ok, charger.ToString());
        Assert.Contains("charger reset <station-id>", charger.Stdout);
        Assert.Contains("*", charger.Stdout); // reset is marked as needing the token
        Assert.Contains("--fleet", charger.Stdout);

        // Multi-word commands show their whole name and their own options.
        var grid = await Cli("help", "grid");
        Assert.True(grid.ExitCode == ExitCodes.Ok, grid.ToString());
        foreach (var usage in new[] { "grid event target <fleet-ids> <watts>", "grid event limits <fleet-ids>", "grid event droop <fleet-ids>", "--reference-w" })
            Assert.Contains(usage, grid.Stdout);

        var json = await Cli("help", "--json");
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        var catalog = json.Json.GetProperty("output")[0].GetProperty("palettes").EnumerateArray().ToList();
        var frequency = catalog.Single(p => p.GetProperty("name").GetString() == "frequency");
        Assert.True(frequency.GetProperty("commands")[0].GetProperty("changesState").GetBoolean());
    }

    [Fact]
    public async Task Cluster_show_status_and_leader_describe_this_single_node_cluster()
    {
        var show = await Cli("cluster", "show", "--json");
        Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
        var member = Assert.Single(show.Rows("members"));
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.Equal("yes", member.GetProperty("leader").GetString());
        var self = member.GetProperty("address").GetString()!;
        Assert.StartsWith("akka.tcp://v2g@127.0.0.1:", self);

        var status = await Cli("cluster", "status");
        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        Assert.Contains(self, status.Stdout);
        Assert.Contains("Up", status.Stdout);

        var leader = await Cli("cluster", "leader");
        Assert.True(leader.ExitCode == ExitCodes.Ok, leader.ToString());
        Assert.Equal(self, leader.Stdout.Trim());
    }

    [Fact]
    public async Task Sharding_region_stats_count_the_entities_the_simulated_chargers_created()
    {
        var regions = await Cli("cluster-sharding", "regions", "--json");
        Assert.True(regions.ExitCode == ExitCodes.Ok, regions.ToString());
        Assert.Contains(regions.Rows(), r => r.GetProperty("type").GetString() == "charger" && r.GetProperty("nodes").GetString() == "1");

        var stats = await Cli("cluster-sharding", "region-stats", "-r", "charger", "--json");
        Assert.True(stats.ExitCode == ExitCodes.Ok, stats.ToString());
        var total = stats.Rows().Single(r => r.GetProperty("node").GetString() == "total");
        Assert.Equal(NodeWithChargersFixture.StationIds.Length.ToString(), total.GetProperty("entities").GetString());

        var human = await Cli("cluster-sharding", "region-stats", "-r", "charger");
        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.Contains($"charger: {NodeWithChargersFixture.StationIds.Length} entities", human.Stdout);

        var shards = await Cli("cluster-sharding", "shard-stats", "--region", "charger", "--json");
        Assert.True(shards.ExitCode == ExitCodes.Ok, shards.ToString());
        var ids = string.Join(" ", shards.Rows().Select(r => r.GetProperty("entity-ids").GetString()));
        foreach (var station in NodeWithChargersFixture.StationIds) Assert.Contains(station, ids);
    }

    [Fact]
    public async Task Sharding_commands_refuse_unknown_regions_and_missing_options()
    {
        var unknown = await Cli("cluster-sharding", "region-stats", "-r", "nope");
        Assert.True(unknown.ExitCode == ExitCodes.CommandFailed, unknown.ToString());
        Assert.Contains("Known: charger", unknown.Stderr);

        var missing = await Cli("cluster-sharding", "region-stats");
        Assert.True(missing.ExitCode == ExitCodes.Usage, missing.ToString());
        Assert.Contains("--region", missing.Stderr);
    }

    [Fact]
    public async Task Actor_hierarchy_shows_the_sharded_charger_entities_under_a_start_path()
    {
        var user = await Cli("actor", "hierarchy");
        Assert.True(user.ExitCode == ExitCodes.Ok, user.ToString());
        Assert.Contains("/user", user.Stdout);
        Assert.Contains("charger-connections", user.Stdout);

        var sharding = await Cli("actor", "hierarchy", "-s", "/system/sharding/charger", "-d", "2");
        Assert.True(sharding.ExitCode == ExitCodes.Ok, sharding.ToString());
        foreach (var station in NodeWithChargersFixture.StationIds) Assert.Contains(station, sharding.Stdout);

        var missing = await Cli("actor", "hierarchy", "-s", "/user/does-not-exist");
        Assert.True(missing.ExitCode == ExitCodes.CommandFailed, missing.ToString());
    }

    [Fact]
    public async Task Log_peek_shows_the_nodes_recent_lines()
    {
        var peek = await Cli("log", "peek", "-n", "500", "--json");
        Assert.True(peek.ExitCode == ExitCodes.Ok, peek.ToString());
        Assert.Contains(peek.Rows(), r => r.GetProperty("message").GetString()!.Contains("Command host listening"));

        var bad = await Cli("log", "peek", "-n", "many");
        Assert.True(bad.ExitCode == ExitCodes.Usage, bad.ToString());
    }

    [Fact]
    public async Task Charger_list_and_show_report_the_simulated_stations()
    {
        var list = await Cli("charger", "list", "--json");
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        var rows = list.Rows();
        foreach (var station in NodeWithChargersFixture.StationIds)
        {
            var row = rows.Single(r => r.GetProperty("station").GetString() == station);
            Assert.Equal("yes", row.GetProperty("online").GetString());
            Assert.Equal("SimCharger-BPT", row.GetProperty("model").GetString());
            Assert.Equal("Accepted", row.GetProperty("registration").GetString());
        }

        var show = await Cli("charger", "show", "SIM-CMD-2");
        Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
        Assert.Contains("SimCharger-BPT", show.Stdout);
        Assert.Contains("Accepted", show.Stdout);

        var json = await Cli("charger", "show", "SIM-CMD-2", "--json");
        var connected = json.Rows("charger").Single(r => r.GetProperty("property").GetString() == "connected");
        Assert.Equal("yes", connected.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Charger_profiles_lists_what_the_entity_recorded_as_installed()
    {
        // SIM-CMD-3 gets a Dynamic V2X profile through the engine (as the dispatcher would); the CLI only reads.
        const string profile = """
            {"evseId":1,"chargingProfile":{"id":71001,"stackLevel":1,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Dynamic",
             "chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11000,"dischargeLimit":-7000,
             "setpoint":-2500,"operationMode":"CentralSetpoint"}]}]}}
            """;
        var installed = await fixture.Node.CommandAsync("SIM-CMD-3", "SetChargingProfile", profile);
        Assert.True(installed.Succeeded, $"{installed.Outcome} {installed.ErrorDescription}");

        var json = await Cli("charger", "profiles", "SIM-CMD-3", "--json");
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        var row = Assert.Single(json.Rows());
        Assert.Equal(("1", "71001", "TxDefaultProfile", "Dynamic", "CentralSetpoint"), (row.GetProperty("evse").GetString(),
            row.GetProperty("id").GetString(), row.GetProperty("purpose").GetString(), row.GetProperty("kind").GetString(),
            row.GetProperty("operation-mode").GetString()));

        var full = await Cli("charger", "profiles", "SIM-CMD-3", "-f");
        Assert.True(full.ExitCode == ExitCodes.Ok, full.ToString());
        Assert.Contains("-2500", full.Stdout);
        Assert.Contains("1 installed profile(s)", full.Stdout);

        var none = await Cli("charger", "profiles", "SIM-CMD-1");
        Assert.True(none.ExitCode == ExitCodes.Ok, none.ToString());
        Assert.Contains("0 installed profile(s)", none.Stdout);

        // (An unknown station is not asked here: the query would wake a fourth entity that region-stats would count.)
    }

    [Fact]
    public async Task Unknown_palettes_and_commands_are_usage_errors()
    {
        var palette = await Cli("warp-drive", "show");
        Assert.True(palette.ExitCode == ExitCodes.Usage, palette.ToString());
        Assert.Contains("Unknown palette 'warp-drive'", palette.Stderr);

        // An incomplete multi-word command names what may follow.
        var partial = await Cli("grid", "event");
        Assert.True(partial.ExitCode == ExitCodes.Usage, partial.ToString());
        Assert.Contains("name one of target, limits, droop", partial.Stderr);
        var wrong = await Cli("grid", "event", "tsunami", "F");
        Assert.True(wrong.ExitCode == ExitCodes.Usage, wrong.ToString());
        Assert.Contains("Choose one of target, limits, droop", wrong.Stderr);

        var command = await Cli("cluster", "explode");
        Assert.True(command.ExitCode == ExitCodes.Usage, command.ToString());

        var json = await Cli("cluster", "explode", "--json");
        Assert.Equal(ExitCodes.Usage, json.ExitCode);
        Assert.Equal("usage", json.Status);
    }

    [Fact]
    public async Task The_interactive_prompt_runs_piped_commands_and_help()
    {
        var session = await CliProcess.RunAsync([Target], stdin: "help\ncluster\ncharger list\nexit\n");
        Assert.True(session.ExitCode == ExitCodes.Ok, session.ToString());
        Assert.Contains($"[{Target}] pbm>", session.Stdout);
        Assert.Contains("cluster-sharding", session.Stdout);
        Assert.Contains("down-unreachable", session.Stdout);
        Assert.Contains("SIM-CMD-3", session.Stdout);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_failure()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var run = await CliProcess.RunAsync($"127.0.0.1:{port}", "cluster", "show");
        Assert.True(run.ExitCode == ExitCodes.ConnectionFailed, run.ToString());
        Assert.Contains("Cannot connect", run.Stderr);
    }
}
