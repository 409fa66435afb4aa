using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using V2gActors.Domain.Allocation;
using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Tests.Allocation;

public class FleetAllocatorProperties
{
    private const int Cases = 300;

    [Property(MaxTest = Cases)]
    public Property Hard_bounds_are_never_crossed_and_frozen_sessions_never_move() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            var result = FleetAllocator.Allocate(scenario.Request);
            var tolerance = AllocationOracle.ToleranceOf(scenario);
            for (var i = 0; i < scenario.Sessions.Length; i++)
            {
                var e = SessionEnvelope.Of(scenario.Sessions[i], TestFleet.Now, DispatchPolicy.Default);
                var p = result.Setpoints[i].Setpoint.Value;
                if (e.Frozen && p != scenario.Sessions[i].PreviousSetpoint.Value) return false;
                if (!e.Frozen && (p < e.HardLow - tolerance || p > e.HardHigh + tolerance)) return false;
            }
            return true;
        });

    [Property(MaxTest = Cases)]
    public Property Ramp_and_forced_charge_hold_unless_a_tree_limit_overrides_them() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            var result = FleetAllocator.Allocate(scenario.Request);
            var tolerance = AllocationOracle.ToleranceOf(scenario);
            for (var i = 0; i < scenario.Sessions.Length; i++)
            {
                var e = SessionEnvelope.Of(scenario.Sessions[i], TestFleet.Now, DispatchPolicy.Default);
                var setpoint = result.Setpoints[i];
                var within = setpoint.Setpoint.Value >= e.SoftLow - tolerance && setpoint.Setpoint.Value <= e.SoftHigh + tolerance;
                if (!within && setpoint.Reason != SetpointReason.TreeLimit) return false;
            }
            return true;
        });

    [Property(MaxTest = Cases)]
    public Property Soft_bounds_are_only_given_up_when_the_tree_requires_it() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            if (AllocationOracle.Reachable(scenario, softBounds: true) is null) return true; // relaxation is legitimate
            var result = FleetAllocator.Allocate(scenario.Request);
            var tolerance = AllocationOracle.ToleranceOf(scenario);
            for (var i = 0; i < scenario.Sessions.Length; i++)
            {
                var e = SessionEnvelope.Of(scenario.Sessions[i], TestFleet.Now, DispatchPolicy.Default);
                var p = result.Setpoints[i].Setpoint.Value;
                if (p < e.SoftLow - tolerance || p > e.SoftHigh + tolerance) return false;
            }
            return true;
        });

    [Property(MaxTest = Cases)]
    public Property Tree_limits_hold_whenever_they_physically_can() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            var result = FleetAllocator.Allocate(scenario.Request);
            var tolerance = AllocationOracle.ToleranceOf(scenario);
            var totalsAreHonest = NodeTotalsMatchSetpoints(scenario, result, tolerance);
            if (AllocationOracle.Reachable(scenario, softBounds: false) is null)
                return totalsAreHonest.Label("totals"); // frozen sessions made a node unrepairable; it must be reported, checked below
            var withinLimits = true;
            for (var node = 0; node < scenario.Tree.Count; node++)
            {
                var total = result.NodeTotals[node].Value;
                var limits = scenario.Tree[node];
                withinLimits &= total <= limits.MaxImport.Value + tolerance && total >= -limits.MaxExport.Value - tolerance;
            }
            return totalsAreHonest.Label("totals").And(withinLimits.Label("limits")).And(result.WithinLimits.Label("flag"));
        });

    [Property(MaxTest = Cases)]
    public Property Achieves_the_target_when_feasible_and_otherwise_the_nearest_feasible_total() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            var reachable = AllocationOracle.Reachable(scenario, softBounds: true);
            var result = FleetAllocator.Allocate(scenario.Request);
            if (reachable is null) return true.Label("soft bounds infeasible: covered by other properties");
            var root = reachable[0];
            var expected = Math.Clamp(scenario.Target, root.Min, Math.Max(root.Min, root.Max));
            var tolerance = AllocationOracle.ToleranceOf(scenario);
            return (Math.Abs(result.Achieved.Value - expected) <= tolerance)
                .Label($"achieved {result.Achieved.Value}, expected {expected} in [{root.Min}, {root.Max}]")
                .And(Math.Abs(result.Shortfall.Value - (scenario.Target - result.Achieved.Value)) <= tolerance);
        });

    [Property(MaxTest = Cases)]
    public Property Reasons_tell_the_truth() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            var result = FleetAllocator.Allocate(scenario.Request);
            var tolerance = AllocationOracle.ToleranceOf(scenario);
            for (var i = 0; i < scenario.Sessions.Length; i++)
            {
                var e = SessionEnvelope.Of(scenario.Sessions[i], TestFleet.Now, DispatchPolicy.Default);
                var p = result.Setpoints[i].Setpoint.Value;
                var atLow = Math.Abs(p - e.SoftLow) <= tolerance;
                var atHigh = Math.Abs(p - e.SoftHigh) <= tolerance;
                var truthful = result.Setpoints[i].Reason switch
                {
                    SetpointReason.Frozen => e.Frozen,
                    SetpointReason.FollowingTarget => !e.Frozen && p >= e.SoftLow - tolerance && p <= e.SoftHigh + tolerance,
                    SetpointReason.TreeLimit => !e.Frozen,
                    var bound => !e.Frozen && ((atLow && e.LowReason == bound) || (atHigh && e.HighReason == bound)),
                };
                if (!truthful) return false;
            }
            return true;
        });

    [Property(MaxTest = Cases)]
    public Property Is_deterministic() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            var first = FleetAllocator.Allocate(scenario.Request);
            var second = FleetAllocator.Allocate(scenario.Request with { Sessions = scenario.Sessions.ToArray() });
            return first.Setpoints.SequenceEqual(second.Setpoints)
                && first.Achieved == second.Achieved
                && first.NodeTotals.SequenceEqual(second.NodeTotals);
        });

    [Property(MaxTest = Cases)]
    public Property Does_not_depend_on_the_order_sessions_are_listed_in() =>
        Prop.ForAll(Scenarios.Any(), scenario =>
        {
            var forward = FleetAllocator.Allocate(scenario.Request);
            var reversed = FleetAllocator.Allocate(scenario.Request with { Sessions = scenario.Sessions.Reverse().ToArray() });
            var tolerance = AllocationOracle.ToleranceOf(scenario);
            var byId = reversed.Setpoints.ToDictionary(s => s.Session);
            return forward.Setpoints.All(s => Math.Abs(byId[s.Session].Setpoint.Value - s.Setpoint.Value) <= tolerance);
        });

    [Property(MaxTest = 60)]
    public Property No_vehicle_leaves_short_of_a_need_it_could_have_met() =>
        Prop.ForAll(EnergyScenarios.Any(), scenario =>
        {
            var shortfalls = EnergyScenarios.Simulate(scenario);
            return shortfalls.All(s => s <= 1e-3).Label($"shortfalls (Wh): {string.Join(", ", shortfalls)}");
        });

    private static bool NodeTotalsMatchSetpoints(Scenario scenario, FleetAllocation result, double tolerance)
    {
        var totals = new double[scenario.Tree.Count];
        for (var i = 0; i < scenario.Sessions.Length; i++)
            totals[scenario.Sessions[i].LimitNode] += result.Setpoints[i].Setpoint.Value;
        for (var node = scenario.Tree.Count - 1; node > 0; node--) totals[scenario.Tree[node].Parent] += totals[node];
        for (var node = 0; node < totals.Length; node++)
            if (Math.Abs(totals[node] - result.NodeTotals[node].Value) > tolerance) return false;
        return true;
    }
}

/// <summary>
/// Vehicles whose needs are each achievable at full power, dispatched every minute against arbitrary fleet
/// targets (mostly "export!") until they leave.
/// </summary>
public static class EnergyScenarios
{
    public sealed record Vehicle(double MaxChargeW, double MaxDischargeW, double NeedWh, int DepartureStep);
    public sealed record EnergyScenario(Vehicle[] Vehicles, int[] TargetsKw)
    {
        public override string ToString() =>
            $"vehicles [{string.Join("; ", Vehicles.Select(v => v.ToString()))}], targets kW [{string.Join(", ", TargetsKw)}]";
    }

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static Arbitrary<EnergyScenario> Any() =>
        (from count in Gen.Choose(1, 4)
         from vehicles in Gen.ArrayOf(VehicleGen(), count)
         from targets in Gen.ArrayOf(Gen.Choose(-80, 40), 7)
         select new EnergyScenario(vehicles, targets)).ToArbitrary();

    private static Gen<Vehicle> VehicleGen() =>
        from maxCharge in Gen.Elements(3_700.0, 7_400.0, 11_000.0)
        from maxDischarge in Gen.Elements(0.0, 5_000.0, 11_000.0)
        from departureStep in Gen.Choose(1, 180)
        from fillPercent in Gen.Choose(0, 100)
        select new Vehicle(maxCharge, maxDischarge,
            maxCharge * departureStep * Interval.TotalHours * fillPercent / 100.0, departureStep);

    /// <returns>Per vehicle, the energy still missing when it left (Wh).</returns>
    public static double[] Simulate(EnergyScenario scenario)
    {
        var policy = new DispatchPolicy(Interval, TimeSpan.FromMinutes(10));
        var remaining = scenario.Vehicles.Select(v => v.NeedWh).ToArray();
        var previous = new double[scenario.Vehicles.Length];
        var lastStep = scenario.Vehicles.Max(v => v.DepartureStep);
        for (var step = 0; step < lastStep; step++)
        {
            var now = TestFleet.Now + Interval * step;
            var present = Enumerable.Range(0, scenario.Vehicles.Length).Where(i => scenario.Vehicles[i].DepartureStep > step).ToArray();
            var sessions = present.Select(i => SessionFor(i, scenario.Vehicles[i], remaining[i], previous[i], now)).ToArray();
            var target = scenario.TargetsKw[step % scenario.TargetsKw.Length] * 1000.0;
            var result = FleetAllocator.Allocate(new DispatchRequest(new Watts(target), LimitTree.Unlimited(), sessions, now, policy));
            for (var k = 0; k < present.Length; k++)
            {
                var power = result.Setpoints[k].Setpoint.Value;
                remaining[present[k]] -= power * Interval.TotalHours;
                previous[present[k]] = power;
            }
        }
        return remaining.Select(r => Math.Max(0, r)).ToArray();
    }

    private static VehicleSession SessionFor(int index, Vehicle v, double remainingWh, double previousW, DateTimeOffset now) =>
        new(new SessionId($"ev{index}"), 0, new Watts(v.MaxChargeW), new Watts(v.MaxDischargeW),
            new BatteryWindow(new StateOfCharge(50), new StateOfCharge(10), new StateOfCharge(100)),
            new EnergyNeed(new WattHours(Math.Max(0, remainingWh)), TestFleet.Now + Interval * v.DepartureStep),
            new Watts(previousW), RampRate.Unlimited, now);
}
