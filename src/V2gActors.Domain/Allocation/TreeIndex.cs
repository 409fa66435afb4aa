namespace V2gActors.Domain.Allocation;

/// <summary>
/// Sessions grouped by the tree node they hang from, and each node's children, as contiguous index ranges
/// (counting sort, O(N + nodes)) so the allocator's loops run over flat arrays.
/// </summary>
internal sealed class TreeIndex
{
    private readonly int[] _sessionStart;
    private readonly int[] _sessionOrder;
    private readonly int[] _childStart;
    private readonly int[] _children;

    public TreeIndex(LimitTree tree, IReadOnlyList<VehicleSession> sessions)
    {
        var nodeCount = tree.Count;
        _sessionStart = new int[nodeCount + 1];
        _sessionOrder = new int[sessions.Count];
        for (var i = 0; i < sessions.Count; i++)
        {
            var node = sessions[i].LimitNode;
            if ((uint)node >= (uint)nodeCount)
                throw new ArgumentException($"Session {sessions[i].Id} hangs from node {node}, which the limit tree does not have.");
            _sessionStart[node + 1]++;
        }
        for (var n = 0; n < nodeCount; n++) _sessionStart[n + 1] += _sessionStart[n];
        var fill = (int[])_sessionStart.Clone();
        for (var i = 0; i < sessions.Count; i++) _sessionOrder[fill[sessions[i].LimitNode]++] = i;

        _childStart = new int[nodeCount + 1];
        _children = new int[Math.Max(0, nodeCount - 1)];
        for (var n = 1; n < nodeCount; n++) _childStart[tree[n].Parent + 1]++;
        for (var n = 0; n < nodeCount; n++) _childStart[n + 1] += _childStart[n];
        fill = (int[])_childStart.Clone();
        for (var n = 1; n < nodeCount; n++) _children[fill[tree[n].Parent]++] = n;
    }

    /// <summary>Indices (into the request's session list) of the sessions directly under <paramref name="node"/>.</summary>
    public ReadOnlySpan<int> SessionsOf(int node) =>
        _sessionOrder.AsSpan(_sessionStart[node], _sessionStart[node + 1] - _sessionStart[node]);

    public ReadOnlySpan<int> ChildrenOf(int node) =>
        _children.AsSpan(_childStart[node], _childStart[node + 1] - _childStart[node]);
}
