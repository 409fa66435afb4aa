using System.Globalization;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Aggregator;

/// <summary>One protocol-neutral control made from an effective DERControlBase, with a one-line description for people.</summary>
public sealed record MappedControl(string Kind, GridControl Control, string Summary);

/// <summary>What a DERControlBase became: the controls the fleet can follow and the modes it could not take.</summary>
public sealed record ControlMapping(IReadOnlyList<MappedControl> Controls, IReadOnlyList<string> Problems);

/// <summary>
/// DERControlBase (2030.5, generator sign convention: positive W = output to the grid) → the Domain's grid controls
/// (import positive). One control per kind, so a caller that re-sends the arbitrated control replaces each kind in
/// place: <c>{prefix}:target</c> (opModTargetW, else opModFixedW), <c>{prefix}:limits</c> (opModMaxLimW,
/// opModMaxLimWInject, opModMaxLimWAbsorb, opModMaxLimPctWAbsorb), <c>{prefix}:freq-droop</c> (opModFreqDroop),
/// <c>{prefix}:freq-watt</c>, <c>{prefix}:volt-var</c> and <c>{prefix}:volt-watt</c> (curves, resolved by href).
/// Pure: curves come from <paramref name="curves"/> in <see cref="Map"/>.
/// </summary>
public static class GridControlMapping
{
    public const string Target = "target";
    public const string Limits = "limits";
    public const string FrequencyDroopKind = "freq-droop";
    public const string FrequencyWatt = "freq-watt";
    public const string VoltVar = "volt-var";
    public const string VoltWatt = "volt-watt";

    public static IReadOnlyList<string> Kinds { get; } = [Target, Limits, FrequencyDroopKind, FrequencyWatt, VoltVar, VoltWatt];

    /// <summary>The 2030.5 DERCurveType of each curve mode.</summary>
    private const byte FreqWattCurve = 0, VoltVarCurve = 11, VoltWattCurve = 12;

    public static string ControlId(string prefix, string kind) => $"{prefix}:{kind}";

    /// <param name="curves">Looks up a DERCurve by href; null when it is not known (reported as a problem).</param>
    public static ControlMapping Map(DERControlBase b, string prefix, ControlWindow window, DerRatings ratings, Func<string, DERCurve?> curves)
    {
        var controls = new List<MappedControl>();
        var problems = new List<string>();
        void Add(string kind, Func<string, GridControl> make, string summary) =>
            controls.Add(new MappedControl(kind, make(ControlId(prefix, kind)), summary));

        if (TargetW(b, ratings) is { } target)
            Add(Target, id => new FleetTargetControl(id, window, new Watts(target)), Invariant($"target {target:0} W"));

        if (LimitsOf(b, ratings) is { } limits)
            Add(Limits, id => new PowerLimitControl(id, window, limits), Describe(limits));

        if (b.OpModFreqDroop is { Disabled: not true } d)
        {
            var droop = FrequencyDroop.FromIeee2030_5(new Hertz(ratings.NominalHz), d.DBOF, d.DBUF, d.KOF, d.KUF, d.OpenLoopTms);
            if (droop.Validate() is { } reason) problems.Add($"opModFreqDroop: {reason}");
            else Add(FrequencyDroopKind, id => new FrequencyDroopControl(id, window, droop),
                Invariant($"droop ±{d.DBOF / 1000.0:0.000} Hz deadband, k {d.KOF / 10.0:0.#}/{d.KUF / 10.0:0.#} %"));
        }

        MapCurve(b.OpModFreqWatt, FreqWattCurve, "opModFreqWatt", curves, problems, (curve, response) =>
            // Y is % of setMaxW output; as a fraction of the reference it becomes a change in import (sign flipped).
            Add(FrequencyWatt, id => new FrequencyWattControl(id, window, new FrequencyWattCurve(curve.MapY(y => -y / 100), response)),
                $"freq-watt {curve.Points.Count} points"));
        MapCurve(b.OpModVoltVar, VoltVarCurve, "opModVoltVar", curves, problems, (curve, response) =>
            // 2030.5 counts vars injected (over-excited) positive; the Domain's volt-var counts absorbed positive.
            Add(VoltVar, id => new VoltVarControl(id, window, new VoltVarCurve(curve.MapY(y => -y), response)),
                $"volt-var {curve.Points.Count} points"));
        MapCurve(b.OpModVoltWatt, VoltWattCurve, "opModVoltWatt", curves, problems, (curve, response) =>
            Add(VoltWatt, id => new VoltWattControl(id, window, new VoltWattCurve(curve, response)),
                $"volt-watt {curve.Points.Count} points"));

        return new ControlMapping(controls, problems);
    }

    /// <summary>opModTargetW wins over opModFixedW (% of the discharge rating when positive, of the charge rating when negative).</summary>
    private static double? TargetW(DERControlBase b, DerRatings ratings)
    {
        if (b.OpModTargetW is { Disabled: not true } t) return -SepPower.Watts(t.Value, t.Multiplier);
        if (b.OpModFixedW is { } pct) return -pct / 10_000.0 * (pct >= 0 ? ratings.MaxDischargeW : ratings.MaxChargeW);
        return null;
    }

    private static PowerLimits? LimitsOf(DERControlBase b, DerRatings ratings)
    {
        double? import = null, maxExport = null, exportLimit = null;
        if (b.OpModMaxLimWAbsorb is { Disabled: not true } absorb) import = SepPower.Watts(absorb.Value, absorb.Multiplier);
        if (b.OpModMaxLimPctWAbsorb is { } pctAbsorb) import = Min(import, pctAbsorb / 10_000.0 * ratings.MaxChargeW);
        if (b.OpModMaxLimW is { } pctInject) maxExport = pctInject / 10_000.0 * ratings.MaxDischargeW;
        if (b.OpModMaxLimWInject is { Disabled: not true } inject) exportLimit = SepPower.Watts(inject.Value, inject.Multiplier);
        if (import is null && maxExport is null && exportLimit is null) return null;
        return new PowerLimits(Watt(import), Watt(maxExport), Watt(exportLimit));
    }

    private static void MapCurve(DERCurveLink? link, byte expectedType, string mode, Func<string, DERCurve?> curves,
        List<string> problems, Action<PiecewiseLinearCurve, TimeSpan> add)
    {
        if (link is not { Disabled: not true, Href: { } href }) return;
        if (curves(href) is not { } curve)
        {
            problems.Add($"{mode}: curve {href} is not available");
            return;
        }
        if (curve.CurveType != expectedType)
        {
            problems.Add($"{mode}: {href} is a curve of type {curve.CurveType}, not {expectedType}");
            return;
        }
        try
        {
            var xScale = Math.Pow(10, curve.XMultiplier);
            var yScale = Math.Pow(10, curve.YMultiplier);
            var points = new PiecewiseLinearCurve(curve.CurveData.Select(p => new CurvePoint(p.Xvalue * xScale, p.Yvalue * yScale)));
            add(points, TimeSpan.FromMilliseconds((curve.OpenLoopTms ?? 0) * 10.0));
        }
        catch (ArgumentException e)
        {
            problems.Add($"{mode}: {href}: {e.Message}");
        }
    }

    private static string Describe(PowerLimits l)
    {
        var parts = new List<string>();
        if (l.MaxImport is { } i) parts.Add(Invariant($"import ≤ {i.Value:0} W"));
        if (l.EffectiveMaxExport is { } e) parts.Add(Invariant($"export ≤ {e.Value:0} W"));
        return "limits " + string.Join(", ", parts);
    }

    private static double? Min(double? a, double b) => a is { } x ? Math.Min(x, b) : b;

    private static Watts? Watt(double? w) => w is { } v ? new Watts(v) : null;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
