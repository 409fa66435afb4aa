using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// Splits a fleet target across vehicle sessions: hierarchical weighted water-filling over the tree of limits.
/// Pure and deterministic; see Allocation/README.md for the algorithm and its guarantees.
/// </summary>
public static class FleetAllocator
{
    public static FleetAllocation Allocate(DispatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!double.IsFinite(request.Target.Value))
            throw new ArgumentException("The fleet target must be a finite number of watts.", nameof(request));
        if (request.Policy.Interval <= TimeSpan.Zero)
            throw new ArgumentException("The dispatch interval must be positive.", nameof(request));

        var sessions = request.Sessions;
        var tree = request.Limits;
        foreach (var session in sessions)
            if ((uint)session.LimitNode >= (uint)tree.Count)
                throw new ArgumentException($"Session {session.Id} hangs from node {session.LimitNode}, which the limit tree does not have.", nameof(request));

        // Every curve and the envelopes live in the scratch and die with this call (see AllocationScratch).
        using var scratch = new AllocationScratch();
        var envelopes = scratch.Envelopes(sessions.Count);
        for (var i = 0; i < sessions.Count; i++)
            envelopes[i] = SessionEnvelope.Of(sessions[i], request.Now, request.Policy);

        var scale = WaterLevel.For(envelopes.AsSpan(0, sessions.Count));
        var (rootCurve, lowLevels, highLevels) = BuildLevelRanges(tree, sessions, envelopes, scale, scratch);

        // The fleet-wide level stays in the normal region: the target alone never justifies breaking a ramp
        // limit or a forced charge. Only node ranges (below) can push a subtree into a relax region.
        var fleetLevel = Math.Clamp(rootCurve.LowestLevelReaching(request.Target.Value),
            -scale.NormalHalfWidth, scale.NormalHalfWidth);
        var nodeLevels = PropagateLevels(tree, fleetLevel, lowLevels, highLevels);

        var setpoints = new ChunkedList<SessionSetpoint>(sessions.Count);
        var totals = new double[tree.Count];
        for (var i = 0; i < setpoints.Count; i++)
        {
            ref readonly var e = ref envelopes[i];
            var node = sessions[i].LimitNode;
            var power = e.Frozen ? e.SoftLow : scale.PowerAt(e, nodeLevels[node]);
            totals[node] += power;
            setpoints[i] = new SessionSetpoint(sessions[i].Id, new Watts(power),
                SetpointReasons.Explain(e, power, fleetLevel, scale));
        }

        var nodeTotals = NodeTotals(tree, totals);
        return new FleetAllocation(setpoints, request.Target, nodeTotals[0], nodeTotals, ViolatedNodes(tree, nodeTotals));
    }

    /// <summary>
    /// Bottom-up: each binding node's curve is its sessions plus its binding descendants' curves, each of those
    /// held within the level range that keeps it inside its limits. Nodes that cannot bind are see-through: their
    /// sessions join the curve of the nearest binding ancestor (or the root), so a fleet where nothing binds costs
    /// one sort. Returns the root's curve and every node's level range (unbounded for see-through nodes).
    /// </summary>
    private static (ResponseCurve Root, double[] Low, double[] High) BuildLevelRanges(
        LimitTree tree, IReadOnlyList<VehicleSession> sessions, SessionEnvelope[] envelopes, WaterLevel scale, AllocationScratch scratch)
    {
        var binding = SubtreeRanges.BindingNodes(tree, sessions, envelopes);
        var owner = new int[tree.Count];
        var ownerOfBindingChild = new int[tree.Count];
        ownerOfBindingChild[0] = -1;
        for (var node = 1; node < tree.Count; node++)
        {
            var parentOwner = owner[tree[node].Parent];
            owner[node] = binding[node] ? node : parentOwner;
            ownerOfBindingChild[node] = binding[node] ? parentOwner : -1;
        }
        var sessionOwners = new int[sessions.Count];
        for (var i = 0; i < sessionOwners.Length; i++) sessionOwners[i] = owner[sessions[i].LimitNode];
        var sessionsByOwner = new Buckets(tree.Count, sessionOwners);
        var bindingChildrenByOwner = new Buckets(tree.Count, ownerOfBindingChild);

        var low = new double[tree.Count];
        var high = new double[tree.Count];
        Array.Fill(low, double.NegativeInfinity);
        Array.Fill(high, double.PositiveInfinity);
        var restricted = new ResponseCurve[tree.Count];
        ResponseCurve root = null!;
        var parts = new List<ResponseCurve>();

        for (var node = tree.Count - 1; node >= 0; node--)
        {
            if (node != 0 && !binding[node]) continue;
            parts.Clear();
            parts.Add(DirectCurveBuilder.Build(sessionsByOwner[node], envelopes, scale, scratch));
            foreach (var child in bindingChildrenByOwner[node]) parts.Add(restricted[child]);
            var curve = SumBalanced(parts, scratch);

            var limits = tree[node];
            low[node] = curve.LowestLevelReaching(-limits.MaxExport.Value);
            high[node] = curve.HighestLevelNotExceeding(limits.MaxImport.Value);
            restricted[node] = curve.Restrict(low[node], high[node], scratch);
            if (node == 0) root = curve;
        }
        return (root, low, high);
    }

    /// <summary>Sums in a balanced order so each knot is copied O(log fan-out) times, not O(fan-out).</summary>
    private static ResponseCurve SumBalanced(List<ResponseCurve> parts, AllocationScratch scratch)
    {
        while (parts.Count > 1)
        {
            var merged = 0;
            for (var k = 0; k < parts.Count; k += 2)
                parts[merged++] = k + 1 < parts.Count ? ResponseCurve.Add(parts[k], parts[k + 1], scratch) : parts[k];
            parts.RemoveRange(merged, parts.Count - merged);
        }
        return parts[0];
    }

    /// <summary>Top-down: each node passes on its parent's level, held within its own range.</summary>
    private static double[] PropagateLevels(LimitTree tree, double fleetLevel, double[] low, double[] high)
    {
        var levels = new double[tree.Count];
        for (var node = 0; node < tree.Count; node++)
        {
            var incoming = node == 0 ? fleetLevel : levels[tree[node].Parent];
            // Low wins if rounding ever leaves low a hair above high; Restrict pins to low in that case too.
            levels[node] = Math.Max(low[node], Math.Min(incoming, high[node]));
        }
        return levels;
    }

    /// <summary>Rolls the sessions' power per node (<paramref name="totals"/>, added in place) up the tree.</summary>
    private static Watts[] NodeTotals(LimitTree tree, double[] totals)
    {
        for (var node = tree.Count - 1; node > 0; node--) totals[tree[node].Parent] += totals[node];
        var result = new Watts[tree.Count];
        for (var node = 0; node < result.Length; node++) result[node] = new Watts(totals[node]);
        return result;
    }

    private static int[] ViolatedNodes(LimitTree tree, Watts[] totals)
    {
        List<int>? violated = null;
        for (var node = 0; node < tree.Count; node++)
        {
            var total = totals[node].Value;
            var limits = tree[node];
            if (total > limits.MaxImport.Value + Tolerance.For(limits.MaxImport.Value) ||
                total < -limits.MaxExport.Value - Tolerance.For(limits.MaxExport.Value))
                (violated ??= []).Add(node);
        }
        return violated?.ToArray() ?? [];
    }
}
