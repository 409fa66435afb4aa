using System.Collections.Immutable;
using V2gActors.Domain.Allocation;
using V2gActors.Engine.Fleets;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class FleetDispatchPlannerTests
{
    private static FleetState StateOf(params FleetMember[] members) =>
        FleetState.Empty with { Members = members.ToImmutableDictionary(m => m.Bounds.SessionId) };

    private static FleetMember Member(string id, double maxCharge = 11_000, double maxDischarge = 7_000, double held = 0, bool installed = false,
        double soc = 60) =>
        new(Bounds(id, maxCharge: maxCharge, maxDischarge: maxDischarge, soc: soc), held, null, installed);

    [Theory]
    [InlineData(15_000)]
    [InlineData(-9_000)]
    [InlineData(0)]
    public void Setpoints_sum_to_the_target_and_stay_within_each_session(double target)
    {
        var state = StateOf(Member("A"), Member("B", maxCharge: 7_400, maxDischarge: 3_000), Member("C", maxDischarge: 0));
        var plan = FleetDispatchPlanner.Plan(state, target, Now, FleetSettings.Default);

        Assert.Equal(3, plan.Frames.Length);
        Assert.Equal(target, plan.Frames.Sum(f => f.SetpointW), 0.2);
        foreach (var f in plan.Frames)
        {
            var (setpoint, limit, discharge) = SetpointOf(f.Action, f.PayloadJson);
            Assert.Equal(f.SetpointW, setpoint);
            Assert.InRange(setpoint, discharge, limit);
            Assert.Equal(state.Members[f.SessionId].Bounds.MaxChargeW, limit);
            Assert.Equal(-state.Members[f.SessionId].Bounds.MaxDischargeW, discharge);
        }
        Assert.Equal(["A", "B", "C"], plan.Frames.Select(f => f.SessionId));
    }

    [Fact]
    public void A_full_or_reserve_protected_vehicle_gets_bounds_that_forbid_the_blocked_direction()
    {
        var state = StateOf(Member("FULL", soc: 95), Member("LOW", soc: 10));
        var plan = FleetDispatchPlanner.Plan(state, 5_000, Now, FleetSettings.Default);
        var full = SetpointOf(plan.Frames[0].Action, plan.Frames[0].PayloadJson);
        var low = SetpointOf(plan.Frames[1].Action, plan.Frames[1].PayloadJson);
        Assert.Equal((0, 0), (full.Setpoint, full.Limit));   // at target SoC: may not charge
        Assert.Equal((5_000, 0), (low.Setpoint, low.DischargeLimit)); // below reserve: may not discharge
    }

    [Fact]
    public void Unresponsive_members_keep_what_they_held_and_the_others_make_up_the_rest()
    {
        var state = StateOf(Member("A", held: 2_000, installed: true), Member("B", installed: true), Member("C"));
        var plan = FleetDispatchPlanner.Plan(state, 15_000, Now, FleetSettings.Default, new HashSet<string> { "A" });

        Assert.Equal(["B", "C"], plan.Frames.Select(f => f.SessionId));
        Assert.Equal(13_000, plan.Frames.Sum(f => f.SetpointW), 0.2);
        Assert.Equal(15_000, plan.AllocatedW, 0.2);
        Assert.Equal(SetpointReason.Frozen, plan.Allocation.Setpoints[0].Reason);
        Assert.Equal(["UpdateDynamicSchedule", "SetChargingProfile"], plan.Frames.Select(f => f.Action));
    }

    [Fact]
    public void An_unreachable_target_is_met_as_closely_as_the_bounds_allow()
    {
        var plan = FleetDispatchPlanner.Plan(StateOf(Member("A"), Member("B")), 50_000, Now, FleetSettings.Default);
        Assert.Equal(22_000, plan.AllocatedW, 0.2);
        Assert.All(plan.Frames, f => Assert.Equal(11_000, f.SetpointW));
    }
}
