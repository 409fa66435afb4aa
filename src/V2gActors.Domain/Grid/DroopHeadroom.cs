using V2gActors.Domain.Units;

namespace V2gActors.Domain.Grid;

/// <summary>
/// How far the fleet can move from its current operating point: <see cref="Up"/> more import
/// (answering over-frequency) and <see cref="Down"/> less import or more export (answering under-frequency).
/// Both are non-negative magnitudes.
/// </summary>
public readonly record struct DroopHeadroom(Watts Up, Watts Down)
{
    public static readonly DroopHeadroom Unlimited =
        new(new Watts(double.PositiveInfinity), new Watts(double.PositiveInfinity));

    /// <summary>Headroom of a device or fleet running at <paramref name="baseline"/> within its power range.</summary>
    public static DroopHeadroom Around(Watts baseline, Watts maxCharge, Watts maxDischarge) =>
        new(new Watts(Math.Max(0, maxCharge.Value - baseline.Value)),
            new Watts(Math.Max(0, baseline.Value + maxDischarge.Value)));
}
