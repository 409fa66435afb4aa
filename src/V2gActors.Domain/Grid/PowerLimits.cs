using V2gActors.Domain.Units;

namespace V2gActors.Domain.Grid;

/// <summary>
/// Caps on the fleet's exchange with the grid; absent means "not constrained by this control".
/// Magnitudes are non-negative.
/// <list type="bullet">
/// <item><see cref="MaxImport"/>: charging cap (2030.5 opModImpLimW, OCPP charging limit).</item>
/// <item><see cref="MaxExport"/>: the fleet's own discharge cap (2030.5 opModMaxLimW on the generating side).</item>
/// <item><see cref="ExportLimit"/>: net export at the point of connection (2030.5 opModExpLimW).</item>
/// </list>
/// The allocator treats a fleet as one site, so both export caps bound the same quantity and the tighter wins.
/// </summary>
public sealed record PowerLimits(Watts? MaxImport, Watts? MaxExport, Watts? ExportLimit)
{
    public static readonly PowerLimits None = new(null, null, null);

    public Watts? EffectiveMaxExport =>
        (MaxExport, ExportLimit) switch
        {
            ({ } a, { } b) => Watts.Min(a, b),
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
}
