using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Configuration;
using V2gActors.Domain.Allocation;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Fleets.Layout;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

/// <summary>Fleet layouts from configuration, their validation, and how the planner uses them (tree, ramp, stale telemetry).</summary>
public sealed class FleetLayoutTests
{
    private const string Json = """
        { "V2g": { "Dispatch": { "DispatchIntervalSeconds": 2, "StaleTelemetrySeconds": 30, "Fleets": {
          "north": { "Revision": 3, "RampWPerSecond": 2500, "DefaultTargetW": 1000, "MaxImportW": 90000,
            "Stations": [ "LOOSE-1" ],
            "Sites": { "depot": { "MaxImportW": 50000, "MaxExportW": 30000,
              "Transformers": { "tx-1": { "MaxImportW": 40000,
                "Connections": { "row-a": { "MaxImportW": 15000, "MaxExportW": 10000, "Stations": [ "SIM-00001..SIM-00003" ] } } } },
              "Connections": { "direct": { "Stations": [ "CS-X" ] } } } } } } } } }
        """;

    private static DispatchOptions Options(string json = Json) =>
        DispatchSection.From(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build()).ToOptions();

    [Fact]
    public void Configuration_gives_a_tree_of_sites_transformers_and_connections_with_their_chargers()
    {
        var options = Options();
        Assert.Equal(TimeSpan.FromSeconds(2), options.Fleet.DispatchInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Fleet.StaleTelemetryAfter);
        var (fleetId, layout) = Assert.Single(options.Fleets);
        Assert.Equal("north", fleetId);
        Assert.Equal((3, 2500.0, 1000.0, 90000.0), (layout.Revision, layout.RampWPerSecond!.Value, layout.DefaultTargetW, layout.MaxImportW));
        Assert.Equal(double.PositiveInfinity, layout.MaxExportW);
        (string, string?, string)[] expected =
            [("depot", null, "site"), ("tx-1", "depot", "transformer"), ("row-a", "tx-1", "connection"), ("direct", "depot", "connection")];
        Assert.Equal(expected.Order(), layout.Nodes.Select(n => (n.Name, n.Parent, n.Kind)).Order());
        Assert.Equal(["CS-X", "LOOSE-1", "SIM-00001", "SIM-00002", "SIM-00003"], layout.Stations.Select(st => st.StationId));
        Assert.Equal(("row-a", "direct", FleetLayout.RootName), (layout.NodeOf("SIM-00002"), layout.NodeOf("CS-X"), layout.NodeOf("LOOSE-1")));

        var (tree, index) = layout.ToLimitTree(double.PositiveInfinity, 20_000);
        Assert.Equal(5, tree.Count);
        Assert.Equal((90_000.0, 20_000.0), (tree[0].MaxImport.Value, tree[0].MaxExport.Value)); // the fleet-wide cap tightens the root
        Assert.Equal(index["tx-1"], tree[index["row-a"]].Parent);
        Assert.Equal(15_000, tree[index["row-a"]].MaxImport.Value);
    }

    [Theory]
    [InlineData("""{ "Sites": { "a": { "Connections": { "a": { "MaxImportW": 1 } } } } }""", "defined twice")]
    [InlineData("""{ "Sites": { "fleet": {} } }""", "a limit needs a name")]
    [InlineData("""{ "Sites": { "a": { "MaxImportW": -1 } } }""", "non-negative")]
    [InlineData("""{ "RampWPerSecond": 0 }""", "ramp rate")]
    public void Broken_layouts_stop_the_node_at_start(string fleet, string reason)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Options($$"""{ "V2g": { "Dispatch": { "Fleets": { "f": {{fleet}} } } } }"""));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Runtime_changes_are_validated_against_the_whole_tree()
    {
        var layout = Options().Fleets[0].Layout;
        Assert.Contains("unknown limit", layout.WithNode(new LayoutNode("tx-2", "nowhere", "transformer", 1, 1)).Validate());
        Assert.Contains("cycle", layout.WithNode(new LayoutNode("depot", "row-a", "site", 1, 1)).Validate());
        Assert.Contains("unknown limit", layout.WithStation("CS-Y", "row-z").Validate());
        Assert.Null(layout.WithNode(new LayoutNode("tx-1", "depot", "transformer", 5_000, 0)).WithoutStation("SIM-00001").Validate());
    }

    [Fact]
    public void Station_ranges_keep_prefix_and_width()
    {
        Assert.Equal(["A-08", "A-09", "A-10", "B"], StationIds.Expand(["A-08..A-10", "B"]));
        Assert.Throws<FormatException>(() => StationIds.Expand(["A-10..A-08"]).ToList());
        Assert.Throws<FormatException>(() => StationIds.Expand(["A-1..B-2"]).ToList());
    }

    // ---- the planner under a layout -----------------------------------------------------------------------------

    private static FleetState StateWith(FleetLayout layout, params FleetMember[] members) =>
        FleetState.Empty with { Members = members.ToImmutableDictionary(m => m.Bounds.SessionId), Layout = layout };

    private static FleetMember Member(string id, string station, double held = 0) =>
        new(Bounds(id, "north", station, maxCharge: 11_000, maxDischarge: 11_000), held, null, false) { JoinedAt = Now };

    [Fact]
    public void A_connection_limit_holds_and_the_rest_of_the_fleet_takes_what_it_can_the_shortfall_is_reported()
    {
        var layout = Options().Fleets[0].Layout with { RampWPerSecond = null };
        var state = StateWith(layout, Member("A", "SIM-00001"), Member("B", "SIM-00002"), Member("C", "SIM-00003"), Member("D", "LOOSE-1"));

        var plan = FleetDispatchPlanner.Plan(state, 40_000, Now, FleetSettings.Default);

        var row = plan.Frames.Where(f => f.StationId.StartsWith("SIM-", StringComparison.Ordinal)).Sum(f => f.SetpointW);
        Assert.Equal(15_000, row, 0.5);                                                 // row-a: 15 kW import
        Assert.Equal(11_000, plan.Frames.Single(f => f.SessionId == "D").SetpointW, 0.5); // directly under the fleet: its max
        Assert.Equal(26_000, plan.AllocatedW, 0.5);
        Assert.All(plan.Frames.Where(f => f.SessionId != "D"), f => Assert.Equal(SetpointReason.TreeLimit, f.Reason));
        Assert.Empty(plan.ViolatedLimits);
    }

    [Fact]
    public void Setpoints_move_no_faster_than_the_ramp_and_quiet_members_are_frozen()
    {
        var layout = Options().Fleets[0].Layout; // 2.5 kW/s over the 4 s default interval: ±10 kW per dispatch
        var state = StateWith(layout, Member("A", "LOOSE-1", held: 2_000), Member("B", "CS-X", held: 3_000), Member("C", "CS-X", held: 1_000));
        var heard = new Dictionary<string, DateTimeOffset> { ["A"] = Now, ["B"] = Now, ["C"] = Now - TimeSpan.FromMinutes(10) };

        var plan = FleetDispatchPlanner.Plan(state, -30_000, Now, FleetSettings.Default, heardAt: heard);

        Assert.DoesNotContain(plan.Frames, f => f.SessionId == "C");                 // not heard from for 10 min: frozen, no frame
        Assert.Equal(-8_000, plan.Frames.Single(f => f.SessionId == "A").SetpointW, 0.5); // 2 kW − 10 kW
        Assert.Equal(-7_000, plan.Frames.Single(f => f.SessionId == "B").SetpointW, 0.5); // 3 kW − 10 kW
        Assert.Equal(-14_000, plan.AllocatedW, 0.5);                                  // frozen C still counts its 1 kW
    }

    [Fact]
    public void Layout_events_fold_into_the_fleet_state_and_open_ended_targets_become_the_base()
    {
        var layout = Options().Fleets[0].Layout;
        var state = FleetState.Empty
            .Apply(new FleetLayoutApplied(layout, Now))
            .Apply(new FleetChargerAssigned("CS-NEW", "row-a", Now))
            .Apply(new FleetChargerRemoved("SIM-00001", Now))
            .Apply(new FleetLimitSet(new LayoutNode("row-a", "tx-1", "connection", 9_000, 9_000), Now))
            .Apply(new FleetLayoutApplied(layout with { Revision = 1 }, Now)); // older revision: ignored
        Assert.Equal(3, state.Layout.Revision);
        Assert.Equal("row-a", state.Layout.NodeOf("CS-NEW"));
        Assert.False(state.Layout.Contains("SIM-00001"));
        Assert.Equal(9_000, state.Layout.Nodes.Single(n => n.Name == "row-a").MaxImportW);

        DispatchRecord Record(string id, double w, TimeSpan? duration) => new(id, w, duration, "test", Now, Now, Now, w, [], 1);
        state = state.Apply(new FleetDispatchStarted(Record("F-1", 5_000, null)))
                     .Apply(new FleetDispatchStarted(Record("F-2", 9_000, TimeSpan.FromMinutes(1))));
        Assert.Equal(("F-2", Now + TimeSpan.FromMinutes(1)), (state.ActiveTarget!.DispatchId, state.ActiveTarget.Until!.Value));
        Assert.Equal(("F-1", 5_000.0), (state.BaseTarget!.DispatchId, state.BaseTarget.TargetW));
    }
}
