using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace V2gActors.Engine.Fleets.Layout;

/// <summary>
/// Configuration section <c>V2g:Dispatch</c>: fleet settings and the fleets with their sites, transformers, grid
/// connections and chargers. Mutable only for binding; <see cref="ToOptions"/> makes the immutable
/// <see cref="DispatchOptions"/> the actors get.
/// <code>
/// "Dispatch": { "Fleets": { "north": { "Revision": 1, "RampWPerSecond": 5000, "Sites": { "depot": { "MaxImportW": 250000,
///   "Transformers": { "tx-1": { "MaxImportW": 160000, "Connections": { "row-a": { "MaxImportW": 60000,
///   "Stations": [ "SIM-00001..SIM-00010" ] } } } } } } } } }
/// </code>
/// </summary>
public sealed class DispatchSection
{
    public const string SectionName = "V2g:Dispatch";

    public int NumberOfShards { get; set; } = 100;
    public double DispatchIntervalSeconds { get; set; } = 4;
    /// <summary>A session whose charger reported no meter value for this long is frozen at its last setpoint.</summary>
    public double StaleTelemetrySeconds { get; set; } = 300;
    public double AckTimeoutSeconds { get; set; } = 45;
    public int SnapshotEvery { get; set; } = 100;
    public Dictionary<string, FleetSection> Fleets { get; set; } = new(StringComparer.Ordinal);

    public static DispatchSection From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<DispatchSection>() ?? new DispatchSection();

    public DispatchOptions ToOptions()
    {
        var settings = FleetSettings.Default with
        {
            DispatchInterval = TimeSpan.FromSeconds(DispatchIntervalSeconds),
            StaleTelemetryAfter = TimeSpan.FromSeconds(StaleTelemetrySeconds),
            AckTimeout = TimeSpan.FromSeconds(AckTimeoutSeconds),
            SnapshotEvery = Math.Max(1, SnapshotEvery),
        };
        var layouts = Fleets.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new ConfiguredFleet(f.Key, f.Value.ToLayout(f.Key)))
            .ToImmutableArray();
        return new DispatchOptions(NumberOfShards, settings) { Fleets = layouts };
    }

    public sealed class FleetSection
    {
        /// <summary>Raise it to re-apply this section over the runtime changes a fleet journaled since.</summary>
        public int Revision { get; set; } = 1;
        public double? MaxImportW { get; set; }
        public double? MaxExportW { get; set; }
        public double? RampWPerSecond { get; set; }
        public double DefaultTargetW { get; set; }
        public Dictionary<string, LimitSection> Sites { get; set; } = new(StringComparer.Ordinal);
        /// <summary>Chargers directly under the fleet (no site limit).</summary>
        public string[] Stations { get; set; } = [];

        public FleetLayout ToLayout(string fleetId)
        {
            var layout = FleetLayout.Empty with
            {
                Revision = Revision,
                MaxImportW = MaxImportW ?? double.PositiveInfinity,
                MaxExportW = MaxExportW ?? double.PositiveInfinity,
                RampWPerSecond = RampWPerSecond,
                DefaultTargetW = DefaultTargetW,
            };
            foreach (var station in StationIds.Expand(Stations)) layout = layout.WithStation(station, null);
            foreach (var (name, site) in Sites) layout = site.AddTo(layout, name, parent: null, "site");
            return layout.Validate() is { } reason
                ? throw new InvalidOperationException($"{SectionName}:Fleets:{fleetId}: {reason}")
                : layout;
        }
    }

    /// <summary>A site, transformer or connection: its limits, the limits under it and the chargers hanging from it.</summary>
    public sealed class LimitSection
    {
        public double? MaxImportW { get; set; }
        public double? MaxExportW { get; set; }
        public Dictionary<string, LimitSection> Transformers { get; set; } = new(StringComparer.Ordinal);
        public Dictionary<string, LimitSection> Connections { get; set; } = new(StringComparer.Ordinal);
        public string[] Stations { get; set; } = [];

        internal FleetLayout AddTo(FleetLayout layout, string name, string? parent, string kind)
        {
            if (layout.Nodes.Any(n => n.Name == name)) throw new InvalidOperationException($"{SectionName}: limit {name} is defined twice");
            layout = layout.WithNode(new LayoutNode(name, parent, kind,
                MaxImportW ?? double.PositiveInfinity, MaxExportW ?? double.PositiveInfinity));
            foreach (var station in StationIds.Expand(Stations)) layout = layout.WithStation(station, name);
            foreach (var (child, section) in Transformers) layout = section.AddTo(layout, child, name, "transformer");
            foreach (var (child, section) in Connections) layout = section.AddTo(layout, child, name, "connection");
            return layout;
        }
    }
}

/// <summary>A fleet named in the configuration and the layout it starts from.</summary>
public sealed record ConfiguredFleet(string FleetId, FleetLayout Layout);

/// <summary>Station id lists with ranges: <c>"SIM-00001..SIM-00025"</c> is the 25 ids with that prefix and width. Pure.</summary>
public static class StationIds
{
    public static IEnumerable<string> Expand(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            var dots = entry.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                yield return entry.Trim();
                continue;
            }
            var (first, last) = (entry[..dots].Trim(), entry[(dots + 2)..].Trim());
            var (prefix, from, width) = Split(first);
            var (lastPrefix, to, lastWidth) = Split(last);
            if (prefix != lastPrefix || width != lastWidth || to < from)
                throw new FormatException($"'{entry}' is not a range like SIM-00001..SIM-00025 (same prefix and width, ascending).");
            for (var n = from; n <= to; n++) yield return prefix + n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        }
    }

    private static (string Prefix, long Number, int Width) Split(string id)
    {
        var digits = id.Length;
        while (digits > 0 && char.IsAsciiDigit(id[digits - 1])) digits--;
        if (digits == id.Length) throw new FormatException($"'{id}' does not end in a number.");
        return (id[..digits], long.Parse(id[digits..], CultureInfo.InvariantCulture), id.Length - digits);
    }
}
