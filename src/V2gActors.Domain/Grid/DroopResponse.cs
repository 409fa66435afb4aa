using V2gActors.Domain.Units;

namespace V2gActors.Domain.Grid;

/// <summary>
/// The frequency-droop law, pure. Over-frequency means too much generation, so the fleet imports more;
/// under-frequency means too little, so it imports less or exports. The result is a change relative to
/// the operating point the fleet held before the excursion.
/// </summary>
public static class DroopResponse
{
    /// <summary>
    /// Power change for <paramref name="measured"/> frequency, proportional to <paramref name="referencePower"/>
    /// (the rated power one per-unit stands for) and clipped to <paramref name="headroom"/>.
    /// </summary>
    public static Watts PowerChange(FrequencyDroop droop, Hertz measured, Watts referencePower, DroopHeadroom headroom)
    {
        var change = UnclippedPerUnitChange(droop, measured) * referencePower.Value;
        return new Watts(Math.Clamp(change, -headroom.Down.Value, headroom.Up.Value));
    }

    /// <summary>Per-unit power change before any headroom limit: 0 inside the deadband, linear outside it.</summary>
    public static double UnclippedPerUnitChange(FrequencyDroop droop, Hertz measured)
    {
        var f = measured.Value;
        var nominal = droop.Nominal.Value;
        var overStart = droop.OverFrequencyStart.Value;
        var underStart = droop.UnderFrequencyStart.Value;
        if (f > overStart) return (f - overStart) / nominal / droop.OverFrequencyDroop;
        if (f < underStart) return -(underStart - f) / nominal / droop.UnderFrequencyDroop;
        return 0.0;
    }

    /// <summary>
    /// The same law as a freq-watt curve of power change (W) against frequency (Hz), saturating where the
    /// headroom runs out. Infinite headroom is represented by extending the curve one nominal frequency out,
    /// far beyond any real excursion.
    /// </summary>
    public static PiecewiseLinearCurve AsPowerChangeCurve(FrequencyDroop droop, Watts referencePower, DroopHeadroom headroom)
    {
        var nominal = droop.Nominal.Value;
        var reference = Math.Max(0, referencePower.Value);
        var points = new List<CurvePoint>(4);

        if (Saturation(reference, headroom.Down.Value, droop.UnderFrequencyDroop, nominal) is { } under)
            points.Add(new CurvePoint(droop.UnderFrequencyStart.Value - under.Span, -under.Change));
        points.Add(new CurvePoint(droop.UnderFrequencyStart.Value, 0));
        if (droop.OverFrequencyStart.Value > droop.UnderFrequencyStart.Value)
            points.Add(new CurvePoint(droop.OverFrequencyStart.Value, 0));
        if (Saturation(reference, headroom.Up.Value, droop.OverFrequencyDroop, nominal) is { } over)
            points.Add(new CurvePoint(droop.OverFrequencyStart.Value + over.Span, over.Change));
        return new PiecewiseLinearCurve(points);
    }

    /// <summary>How far past the deadband the response saturates (Hz) and at what magnitude (W); null if it never moves.</summary>
    private static (double Span, double Change)? Saturation(double reference, double headroom, double perUnitDroop, double nominal)
    {
        if (reference <= 0 || headroom <= 0) return null;
        if (double.IsPositiveInfinity(headroom)) return (nominal, reference / perUnitDroop);
        return (headroom / reference * perUnitDroop * nominal, headroom);
    }
}
