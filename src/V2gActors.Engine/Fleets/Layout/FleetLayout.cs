using System.Collections.Immutable;
using System.Text.Json.Serialization;
using V2gActors.Domain.Allocation;
using V2gActors.Domain.Units;

namespace V2gActors.Engine.Fleets.Layout;

/// <summary>
/// One limit in a fleet's site tree: a site, a transformer or a grid connection (<paramref name="Kind"/> is for people).
/// <paramref name="Parent"/> null hangs it under the fleet itself. Watts are magnitudes; +∞ means no limit.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record LayoutNode(string Name, string? Parent, string Kind, double MaxImportW, double MaxExportW);

/// <summary>
/// The physical side of a fleet, in plain numbers so it journals as JSON: the tree of limits its chargers live under,
/// the node each charger hangs from, the ramp rate setpoints may move at, and the target it reverts to when a target
/// with a duration ends. Pure; every change returns a new layout.
/// </summary>
/// <param name="Revision">The configuration revision it came from; the configuration is applied only when this grows, so
/// runtime changes (journaled) survive restarts.</param>
/// <param name="Stations">Each charger and the node it hangs from, sorted by station id (ordinal) for lookups.</param>
/// <param name="RampWPerSecond">How fast one session's setpoint may move; null = unlimited.</param>
/// <param name="DefaultTargetW">What the fleet reverts to when a target with a duration ends and no open-ended target is held.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record FleetLayout(
    int Revision,
    double MaxImportW,
    double MaxExportW,
    ImmutableArray<LayoutNode> Nodes,
    ImmutableArray<StationPlacement> Stations,
    double? RampWPerSecond,
    double DefaultTargetW)
{
    public const string RootName = "fleet";

    public static FleetLayout Empty { get; } = new(0, double.PositiveInfinity, double.PositiveInfinity, [],
        [], null, 0);

    /// <summary>The reason this layout cannot be used, or null when it is a proper tree with every station on a known node.</summary>
    public string? Validate()
    {
        if (!Limit(MaxImportW) || !Limit(MaxExportW)) return "fleet limits must be non-negative magnitudes";
        if (RampWPerSecond is { } ramp && !(ramp > 0)) return "the ramp rate must be positive";
        if (!double.IsFinite(DefaultTargetW)) return "the default target must be finite";
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Name) || node.Name == RootName) return $"a limit needs a name other than '{RootName}'";
            if (!names.Add(node.Name)) return $"limit {node.Name} is defined twice";
            if (!Limit(node.MaxImportW) || !Limit(node.MaxExportW)) return $"limit {node.Name}: limits must be non-negative magnitudes";
        }
        foreach (var node in Nodes)
            if (node.Parent is { } parent && !names.Contains(parent)) return $"limit {node.Name} hangs from unknown limit {parent}";
        if (Ordered() is null) return "the limits form a cycle";
        foreach (var (station, node) in Stations)
            if (node is not null && !names.Contains(node)) return $"station {station} hangs from unknown limit {node}";
        for (var i = 1; i < Stations.Length; i++)
            if (string.CompareOrdinal(Stations[i - 1].StationId, Stations[i].StationId) >= 0) return "stations must be sorted and unique";
        return null;
    }

    /// <summary>Adds a limit or changes an existing one (its parent too).</summary>
    public FleetLayout WithNode(LayoutNode node)
    {
        for (var i = 0; i < Nodes.Length; i++)
            if (Nodes[i].Name == node.Name) return this with { Nodes = Nodes.SetItem(i, node) };
        return this with { Nodes = Nodes.Add(node) };
    }

    public FleetLayout WithStation(string stationId, string? node)
    {
        var at = IndexOf(stationId);
        var placement = new StationPlacement(stationId, node);
        return this with { Stations = at >= 0 ? Stations.SetItem(at, placement) : Stations.Insert(~at, placement) };
    }

    public FleetLayout WithoutStation(string stationId) => IndexOf(stationId) is var at and >= 0 ? this with { Stations = Stations.RemoveAt(at) } : this;

    public bool Contains(string stationId) => IndexOf(stationId) >= 0;

    /// <summary>
    /// The allocator's tree: the fleet at index 0 (its own caps, tightened by <paramref name="capImportW"/> /
    /// <paramref name="capExportW"/>), then every limit with its parent before it. Returns each node's index by name.
    /// </summary>
    public (LimitTree Tree, IReadOnlyDictionary<string, int> IndexOf) ToLimitTree(double capImportW, double capExportW)
    {
        var ordered = Ordered() ?? throw new InvalidOperationException("The fleet layout has a cycle.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal) { [RootName] = 0 };
        var nodes = new List<LimitNode>(ordered.Count + 1)
        {
            new(RootName, -1, new Watts(Math.Min(MaxImportW, capImportW)), new Watts(Math.Min(MaxExportW, capExportW))),
        };
        foreach (var node in ordered)
        {
            index[node.Name] = nodes.Count;
            nodes.Add(new LimitNode(node.Name, index[node.Parent ?? RootName], new Watts(node.MaxImportW), new Watts(node.MaxExportW)));
        }
        return (new LimitTree(nodes), index);
    }

    /// <summary>The node a station hangs from: its configured limit, or the fleet itself.</summary>
    public string NodeOf(string stationId) => IndexOf(stationId) is var at and >= 0 && Stations[at].Node is { } node ? node : RootName;

    private int IndexOf(string stationId) => Stations.BinarySearch(new StationPlacement(stationId, null), StationPlacement.ById);

    /// <summary>Parents before children (the order <see cref="LimitTree"/> needs), or null when the parents form a cycle.</summary>
    private List<LayoutNode>? Ordered()
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<LayoutNode>(Nodes.Length);
        var pending = Nodes.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(n => n.Parent is null || placed.Contains(n.Parent)).ToList();
            if (ready.Count == 0) return null;
            foreach (var node in ready)
            {
                placed.Add(node.Name);
                ordered.Add(node);
                pending.Remove(node);
            }
        }
        return ordered;
    }

    private static bool Limit(double w) => w >= 0 && !double.IsNaN(w);
}

/// <summary>One charger of a fleet and the limit it hangs from (null: directly under the fleet).</summary>
public sealed record StationPlacement(string StationId, string? Node)
{
    public static IComparer<StationPlacement> ById { get; } =
        Comparer<StationPlacement>.Create((a, b) => string.CompareOrdinal(a.StationId, b.StationId));
}
