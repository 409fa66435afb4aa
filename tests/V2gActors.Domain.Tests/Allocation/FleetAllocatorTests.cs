using V2gActors.Domain.Allocation;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using static V2gActors.Domain.Tests.Allocation.TestFleet;

namespace V2gActors.Domain.Tests.Allocation;

public class FleetAllocatorTests
{
    private const double Precision = 1e-6;

    [Fact]
    public void Charging_target_is_shared_in_proportion_to_charging_power()
    {
        var result = FleetAllocator.Allocate(Request(9_000, Flexible("a", 11_000), Flexible("b", 7_000)));

        Assert.Equal(5_500, result.Power("a"), Precision);
        Assert.Equal(3_500, result.Power("b"), Precision);
        Assert.Equal(9_000, result.Achieved.Value, Precision);
        Assert.Equal(0, result.Shortfall.Value, Precision);
        Assert.All(result.Setpoints, s => Assert.Equal(SetpointReason.FollowingTarget, s.Reason));
    }

    [Fact]
    public void Export_target_uses_discharge_and_spares_vehicles_at_their_reserve()
    {
        var result = FleetAllocator.Allocate(Request(-6_000,
            Flexible("v2g", 11_000, maxDischargeW: 10_000),
            Flexible("low", 11_000, maxDischargeW: 10_000, soc: 20, reserve: 20)));

        Assert.Equal(-6_000, result.Power("v2g"), Precision);
        Assert.Equal(0, result.Power("low"), Precision);
        Assert.Equal(SetpointReason.ReserveProtected, result.Reason("low"));
    }

    [Fact]
    public void A_vehicle_at_its_target_soc_does_not_charge()
    {
        var result = FleetAllocator.Allocate(Request(10_000,
            Flexible("full", 11_000, soc: 90, targetSoc: 90), Flexible("hungry", 11_000)));

        Assert.Equal(0, result.Power("full"), Precision);
        Assert.Equal(SetpointReason.TargetSocReached, result.Reason("full"));
        Assert.Equal(10_000, result.Power("hungry"), Precision);
    }

    [Fact]
    public void An_infeasible_target_gets_the_closest_allocation_and_reports_the_shortfall()
    {
        var result = FleetAllocator.Allocate(Request(30_000, Flexible("a", 11_000), Flexible("b", 7_000)));

        Assert.Equal(18_000, result.Achieved.Value, Precision);
        Assert.Equal(12_000, result.Shortfall.Value, Precision);
        Assert.Equal(SetpointReason.ChargeLimit, result.Reason("a"));
        Assert.Equal(SetpointReason.ChargeLimit, result.Reason("b"));
    }

    [Fact]
    public void A_vehicle_that_cannot_wait_gets_a_forced_charge_even_against_an_export_target()
    {
        // 21.995 kWh in 2 h at 11 kW leaves 5 Wh of slack: less than one 4 s dispatch at full power, so it must charge now.
        var urgent = Flexible("urgent", 11_000, maxDischargeW: 11_000).Needing(21.995, TimeSpan.FromHours(2));
        var result = FleetAllocator.Allocate(Request(-20_000, urgent, Flexible("other", 11_000, maxDischargeW: 11_000)));

        var expected = ForcedCharge.PowerFloor(urgent.Need, Now, urgent.MaxCharge, DispatchPolicy.Default.Interval)!.Value.Value;
        Assert.True(expected > 0);
        Assert.Equal(expected, result.Power("urgent"), Precision);
        Assert.Equal(SetpointReason.ForcedCharge, result.Reason("urgent"));
        Assert.Equal(-11_000, result.Power("other"), Precision);
        Assert.True(result.Shortfall.Value < 0, "the fleet exports less than asked");
    }

    [Fact]
    public void Vehicles_that_need_energy_charge_before_those_that_do_not()
    {
        var result = FleetAllocator.Allocate(Request(8_000,
            Flexible("urgent", 11_000).Needing(40, TimeSpan.FromHours(5)),
            Flexible("relaxed", 11_000)));

        Assert.True(result.Power("urgent") > result.Power("relaxed"));
        Assert.Equal(8_000, result.Achieved.Value, Precision);
    }

    [Fact]
    public void A_tree_limit_caps_its_branch_and_the_rest_of_the_fleet_makes_up_the_difference()
    {
        var tree = new LimitTree([
            Node("site", -1, 100_000, 100_000),
            Node("transformer", 0, 10_000, 10_000),
            Node("connection-1", 1, 22_000, 22_000),
            Node("connection-2", 0, 22_000, 22_000),
        ]);
        var result = FleetAllocator.Allocate(Request(30_000, tree,
            Flexible("a", 11_000, node: 2), Flexible("b", 11_000, node: 2), Flexible("c", 22_000, node: 3)));

        Assert.Equal(10_000, result.NodeTotals[1].Value, Precision);
        Assert.Equal(5_000, result.Power("a"), Precision);
        Assert.Equal(SetpointReason.TreeLimit, result.Reason("a"));
        Assert.Equal(20_000, result.Power("c"), Precision);
        Assert.Equal(30_000, result.Achieved.Value, Precision);
        Assert.True(result.WithinLimits);
    }

    [Fact]
    public void Ramp_limits_hold_the_setpoint_near_the_previous_one()
    {
        // 100 W/s over the default 4 s interval allows 400 W of movement.
        var result = FleetAllocator.Allocate(Request(20_000,
            Flexible("slow", 11_000, previousW: 1_000, rampWPerS: 100), Flexible("fast", 11_000)));

        Assert.Equal(1_400, result.Power("slow"), Precision);
        Assert.Equal(SetpointReason.RampLimited, result.Reason("slow"));
        Assert.Equal(11_000, result.Power("fast"), Precision);
    }

    [Fact]
    public void A_stale_session_keeps_its_setpoint_and_counts_against_the_target()
    {
        var result = FleetAllocator.Allocate(Request(10_000,
            Flexible("silent", 11_000, previousW: 4_000).Stale(), Flexible("live", 11_000)));

        Assert.Equal(4_000, result.Power("silent"), Precision);
        Assert.Equal(SetpointReason.Frozen, result.Reason("silent"));
        Assert.Equal(6_000, result.Power("live"), Precision);
        Assert.Equal(10_000, result.Achieved.Value, Precision);
    }

    [Fact]
    public void Live_sessions_discharge_to_keep_a_node_within_limits_when_a_frozen_one_overloads_it()
    {
        var tree = new LimitTree([Node("site", -1, 5_000, 50_000)]);
        var result = FleetAllocator.Allocate(Request(20_000, tree,
            Flexible("silent", 11_000, previousW: 8_000).Stale(),
            Flexible("helper", 11_000, maxDischargeW: 11_000)));

        Assert.Equal(-3_000, result.Power("helper"), Precision);
        Assert.Equal(5_000, result.Achieved.Value, Precision);
        Assert.True(result.WithinLimits);
    }

    [Fact]
    public void A_node_overloaded_by_frozen_sessions_beyond_repair_is_reported()
    {
        var tree = new LimitTree([Node("site", -1, 5_000, 50_000)]);
        var result = FleetAllocator.Allocate(Request(0, tree,
            Flexible("silent", 11_000, previousW: 8_000).Stale(),
            Flexible("helper", 11_000, maxDischargeW: 2_000)));

        Assert.Equal(-2_000, result.Power("helper"), Precision);
        Assert.False(result.WithinLimits);
        Assert.Equal([0], result.ViolatedNodes);
    }

    [Fact]
    public void Forced_charges_beyond_a_node_limit_are_cut_back_in_proportion()
    {
        var tree = new LimitTree([Node("site", -1, 10_000, 10_000)]);
        var result = FleetAllocator.Allocate(Request(0, tree,
            Flexible("a", 11_000).Needing(21.995, TimeSpan.FromHours(2)),
            Flexible("b", 11_000).Needing(21.995, TimeSpan.FromHours(2))));

        Assert.Equal(10_000, result.Achieved.Value, Precision);
        Assert.Equal(result.Power("a"), result.Power("b"), Precision);
        Assert.Equal(SetpointReason.TreeLimit, result.Reason("a"));
    }

    [Fact]
    public void Grid_limits_tighten_the_root_of_the_tree()
    {
        var tree = LimitTree.SingleSite(new Watts(50_000), new Watts(50_000))
            .WithGridLimits(new PowerLimits(null, new Watts(8_000), new Watts(3_000)));
        var result = FleetAllocator.Allocate(Request(-20_000, tree, Flexible("a", 11_000, maxDischargeW: 11_000)));

        Assert.Equal(-3_000, result.Achieved.Value, Precision);
        Assert.Equal(SetpointReason.TreeLimit, result.Reason("a"));
    }

    [Fact]
    public void A_connection_switched_off_takes_its_sessions_to_zero()
    {
        var tree = new LimitTree([Node("site", -1, 50_000, 50_000), Node("off", 0, 0, 0)]);
        var result = FleetAllocator.Allocate(Request(15_000, tree,
            Flexible("a", 11_000, maxDischargeW: 11_000, node: 1), Flexible("b", 11_000, node: 0)));

        Assert.Equal(0, result.Power("a"), Precision);
        Assert.Equal(SetpointReason.TreeLimit, result.Reason("a"));
        Assert.Equal(11_000, result.Power("b"), Precision);
    }

    [Fact]
    public void No_sessions_means_the_whole_target_is_shortfall()
    {
        var result = FleetAllocator.Allocate(Request(7_000));

        Assert.Empty(result.Setpoints);
        Assert.Equal(0, result.Achieved.Value);
        Assert.Equal(7_000, result.Shortfall.Value);
    }

    [Fact]
    public void A_session_on_an_unknown_node_is_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
            FleetAllocator.Allocate(Request(0, Flexible("lost", 11_000, node: 3))));
    }
}
