namespace V2gActors.Domain.Allocation;

/// <summary>
/// Cheap first pass over the tree (O(N + nodes), no curves): which nodes can possibly bind. A node binds when
/// the totals its subtree could reach, from everything at hard minimum to everything at hard maximum, are not
/// all within its limits. Nodes that cannot bind pass the water level through untouched, so the allocator can
/// treat their sessions as if they hung from the nearest binding ancestor and skip building their curves.
/// </summary>
internal static class SubtreeRanges
{
    public static bool[] BindingNodes(LimitTree tree, IReadOnlyList<VehicleSession> sessions, SessionEnvelope[] envelopes)
    {
        var min = new double[tree.Count];
        var max = new double[tree.Count];
        for (var i = 0; i < sessions.Count; i++)
        {
            var node = sessions[i].LimitNode;
            min[node] += envelopes[i].HardLow;
            max[node] += envelopes[i].HardHigh;
        }

        var binding = new bool[tree.Count];
        for (var node = tree.Count - 1; node >= 0; node--)
        {
            var low = -tree[node].MaxExport.Value;
            var high = tree[node].MaxImport.Value;
            binding[node] = min[node] < low || max[node] > high;
            if (node == 0) break;

            // What the parent sees: this subtree's reachable totals, held within this node's limits
            // (or pinned to the nearest end when no total fits).
            var (seenMin, seenMax) =
                max[node] < low ? (max[node], max[node]) :
                min[node] > high ? (min[node], min[node]) :
                (Math.Max(min[node], low), Math.Min(max[node], high));
            var parent = tree[node].Parent;
            min[parent] += seenMin;
            max[parent] += seenMax;
        }
        return binding;
    }
}
