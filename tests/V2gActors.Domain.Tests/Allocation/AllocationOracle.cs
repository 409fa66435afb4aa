using V2gActors.Domain.Allocation;

namespace V2gActors.Domain.Tests.Allocation;

/// <summary>
/// An independent, obviously-correct reference for what a dispatch can achieve: for a laminar tree of limits the
/// feasible totals of every subtree form an interval, namely the sum of its children's intervals intersected with
/// its own limits. Nothing here is shared with the allocator except <see cref="SessionEnvelope"/>.
/// </summary>
internal static class AllocationOracle
{
    public readonly record struct Range(double Min, double Max)
    {
        public bool IsEmpty => Min > Max + Tolerance.For(Math.Max(Math.Abs(Min), Math.Abs(Max)));
    }

    /// <summary>Per node, the totals reachable with soft (ramp, forced charge) or only hard bounds; null when some node is infeasible.</summary>
    public static Range[]? Reachable(Scenario scenario, bool softBounds)
    {
        var tree = scenario.Tree;
        var sums = new Range[tree.Count];
        foreach (var session in scenario.Sessions)
        {
            var e = SessionEnvelope.Of(session, TestFleet.Now, DispatchPolicy.Default);
            var (min, max) = softBounds ? (e.SoftLow, e.SoftHigh) : (e.HardLow, e.HardHigh);
            ref var sum = ref sums[session.LimitNode];
            sum = new Range(sum.Min + min, sum.Max + max);
        }
        for (var node = tree.Count - 1; node >= 0; node--)
        {
            var limits = tree[node];
            var range = new Range(Math.Max(sums[node].Min, -limits.MaxExport.Value), Math.Min(sums[node].Max, limits.MaxImport.Value));
            if (range.IsEmpty) return null;
            sums[node] = range;
            if (node > 0)
            {
                ref var parent = ref sums[limits.Parent];
                parent = new Range(parent.Min + range.Min, parent.Max + range.Max);
            }
        }
        return sums;
    }

    /// <summary>A tolerance generous enough for sums over the whole scenario.</summary>
    public static double ToleranceOf(Scenario scenario)
    {
        var scale = Math.Abs(scenario.Target);
        foreach (var s in scenario.Sessions)
            scale += s.MaxCharge.Value + s.MaxDischarge.Value + Math.Abs(s.PreviousSetpoint.Value);
        return Tolerance.For(scale) * 10;
    }
}
