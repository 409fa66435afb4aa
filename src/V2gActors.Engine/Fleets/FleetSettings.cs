namespace V2gActors.Engine.Fleets;

/// <summary>Per-fleet settings, immutable so that <c>Props</c> can capture them.</summary>
/// <param name="DispatchInterval">How long a setpoint is expected to hold (ramp and forced-charge horizon of the allocator).</param>
/// <param name="StaleTelemetryAfter">Allocator policy; members count as heard from at every dispatch for now (see README gaps).</param>
/// <param name="MaxImportW">Fleet-wide import cap (the root of the limit tree); +∞ when the fleet has none.</param>
/// <param name="MaxExportW">Fleet-wide export cap as a magnitude; +∞ when the fleet has none.</param>
/// <param name="SnapshotEvery">Snapshot after this many journaled events.</param>
/// <param name="AckTimeout">A frame without any answer after this long counts as failed (the connection's own timeout normally answers first).</param>
public sealed record FleetSettings(
    TimeSpan DispatchInterval,
    TimeSpan StaleTelemetryAfter,
    double MaxImportW,
    double MaxExportW,
    int SnapshotEvery,
    TimeSpan AckTimeout)
{
    public static FleetSettings Default { get; } = new(
        TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(5), double.PositiveInfinity, double.PositiveInfinity,
        SnapshotEvery: 100, AckTimeout: TimeSpan.FromSeconds(45));
}
