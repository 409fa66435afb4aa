using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// The tree of limits a fleet lives under, root (the site, or the whole fleet) at index 0.
/// Parents are listed before their children, which makes the tree acyclic by construction and lets the
/// allocator walk it bottom-up by simply iterating indices backwards.
/// </summary>
public sealed class LimitTree
{
    private readonly LimitNode[] _nodes;

    public LimitTree(IEnumerable<LimitNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = nodes.ToArray();
        if (_nodes.Length == 0) throw new ArgumentException("A limit tree needs a root.", nameof(nodes));
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            if (i == 0 && node.Parent != -1) throw new ArgumentException("Node 0 is the root and has parent -1.", nameof(nodes));
            if (i > 0 && (node.Parent < 0 || node.Parent >= i))
                throw new ArgumentException($"Node {i} ({node.Name}) must name an earlier node as parent.", nameof(nodes));
            if (!(node.MaxImport.Value >= 0) || !(node.MaxExport.Value >= 0))
                throw new ArgumentException($"Node {i} ({node.Name}) limits must be non-negative magnitudes.", nameof(nodes));
        }
    }

    public IReadOnlyList<LimitNode> Nodes => _nodes;
    public int Count => _nodes.Length;
    public LimitNode this[int index] => _nodes[index];

    /// <summary>A single-node tree: the fleet with one import and one export cap.</summary>
    public static LimitTree SingleSite(Watts maxImport, Watts maxExport) =>
        new([new LimitNode("site", -1, maxImport, maxExport)]);

    /// <summary>No physical limit at all; useful for tests and for fleets that only follow a target.</summary>
    public static LimitTree Unlimited() =>
        SingleSite(new Watts(double.PositiveInfinity), new Watts(double.PositiveInfinity));

    /// <summary>
    /// The same tree with the root tightened by grid limits (never loosened): a DSO control can only
    /// narrow what the site can physically do.
    /// </summary>
    public LimitTree WithGridLimits(PowerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var nodes = (LimitNode[])_nodes.Clone();
        var root = nodes[0];
        var import = limits.MaxImport is { } i ? Watts.Min(root.MaxImport, Watts.Max(Watts.Zero, i)) : root.MaxImport;
        var export = limits.EffectiveMaxExport is { } e ? Watts.Min(root.MaxExport, Watts.Max(Watts.Zero, e)) : root.MaxExport;
        nodes[0] = root with { MaxImport = import, MaxExport = export };
        return new LimitTree(nodes);
    }
}
