using V2gActors.Domain.Grid;
using V2gActors.Ieee2030_5.Aggregator;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Tests.Aggregator;

public class GridControlMappingTests
{
    private static readonly DerRatings Fleet = new(MaxChargeW: 60_000, MaxDischargeW: 40_000, NominalHz: 50);
    private static readonly ControlWindow Window = ControlWindow.Default(1);

    private static ControlMapping Map(DERControlBase b, Func<string, DERCurve?>? curves = null) =>
        GridControlMapping.Map(b, "csip:F1", Window, Fleet, curves ?? (_ => null));

    [Fact]
    public void Target_output_power_becomes_an_export_target()
    {
        var mapped = Map(new DERControlBase { OpModTargetW = new ActivePowerControlType { Value = 25, Multiplier = 3 } });

        var target = Assert.IsType<FleetTargetControl>(Assert.Single(mapped.Controls).Control);
        Assert.Equal(-25_000, target.Target.Value);
        Assert.Equal("csip:F1:target", target.ControlId);
    }

    [Theory]
    [InlineData((short)5_000, -20_000)]   // +50 % of the discharge rating: export
    [InlineData((short)-2_500, 15_000)]   // -25 % of the charge rating: import
    public void Fixed_percentage_refers_to_the_rating_of_its_direction(short hundredths, double expectedW)
    {
        var target = Assert.IsType<FleetTargetControl>(Assert.Single(Map(new DERControlBase { OpModFixedW = hundredths }).Controls).Control);
        Assert.Equal(expectedW, target.Target.Value, 6);
    }

    [Fact]
    public void Limit_modes_fold_into_one_power_limit_control()
    {
        var mapped = Map(new DERControlBase
        {
            OpModMaxLimW = 5_000,                                                          // export ≤ 50 % of 40 kW
            OpModMaxLimWInject = new UnsignedActivePowerControlType { Value = 15, Multiplier = 3 }, // export at the POC ≤ 15 kW
            OpModMaxLimWAbsorb = new UnsignedActivePowerControlType { Value = 30_000 },
            OpModMaxLimPctWAbsorb = 2_500,                                                 // import ≤ 25 % of 60 kW = 15 kW
        });

        var limits = Assert.IsType<PowerLimitControl>(Assert.Single(mapped.Controls).Control).Limits;
        Assert.Equal(15_000, limits.MaxImport!.Value.Value, 6);
        Assert.Equal(15_000, limits.EffectiveMaxExport!.Value.Value, 6);
        Assert.Equal(20_000, limits.MaxExport!.Value.Value, 6);
    }

    [Fact]
    public void Frequency_droop_keeps_its_deadbands_and_slopes_and_a_bad_one_is_a_problem()
    {
        var good = Map(new DERControlBase { OpModFreqDroop = new FreqDroopType { DBOF = 36, DBUF = 36, KOF = 50, KUF = 50, OpenLoopTms = 200 } });
        var droop = Assert.IsType<FrequencyDroopControl>(Assert.Single(good.Controls).Control).Droop;
        Assert.Equal((50.036, 49.964, 0.05), (droop.OverFrequencyStart.Value, droop.UnderFrequencyStart.Value, droop.OverFrequencyDroop), ToleranceComparer);

        var bad = Map(new DERControlBase { OpModFreqDroop = new FreqDroopType { DBOF = 36, DBUF = 36, KOF = 0, KUF = 50 } });
        Assert.Empty(bad.Controls);
        Assert.Contains("opModFreqDroop", Assert.Single(bad.Problems));
    }

    [Fact]
    public void Volt_var_curve_is_resolved_scaled_and_turned_to_absorbed_positive()
    {
        var curve = new DERCurve
        {
            Href = "/derp/1/dc/1", CurveType = 11, XMultiplier = -2, YMultiplier = 0, YRefType = 3, OpenLoopTms = 500,
            CurveData =
            [
                new CurveData { Xvalue = 9_200, Yvalue = 30 }, new CurveData { Xvalue = 9_800, Yvalue = 0 },
                new CurveData { Xvalue = 10_200, Yvalue = 0 }, new CurveData { Xvalue = 10_800, Yvalue = -30 },
            ],
        };
        var mapped = Map(new DERControlBase { OpModVoltVar = new DERCurveLink { Href = "/derp/1/dc/1" } },
            href => href == curve.Href ? curve : null);

        var voltVar = Assert.IsType<VoltVarControl>(Assert.Single(mapped.Controls).Control).Curve;
        Assert.Equal(-30, voltVar.PercentVarAt(92), 6);
        Assert.Equal(30, voltVar.PercentVarAt(110), 6);
        Assert.Equal(TimeSpan.FromSeconds(5), voltVar.OpenLoopResponseTime);
    }

    [Fact]
    public void Missing_or_mistyped_curves_are_problems_not_controls()
    {
        var wrongType = new DERCurve { Href = "/dc/2", CurveType = 12, CurveData = [new CurveData { Xvalue = 1, Yvalue = 1 }] };
        var mapped = Map(new DERControlBase
        {
            OpModVoltVar = new DERCurveLink { Href = "/dc/2" }, OpModFreqWatt = new DERCurveLink { Href = "/dc/missing" },
        }, href => href == "/dc/2" ? wrongType : null);

        Assert.Empty(mapped.Controls);
        Assert.Equal(2, mapped.Problems.Count);
    }

    [Fact]
    public void Modes_the_fleet_does_not_follow_map_to_nothing()
    {
        var mapped = Map(new DERControlBase { OpModConnect = true, OpModEnergize = true });
        Assert.Empty(mapped.Controls);
        Assert.Empty(mapped.Problems);
    }

    private static readonly IEqualityComparer<(double, double, double)> ToleranceComparer = new Tolerance();

    private sealed class Tolerance : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) a, (double, double, double) b) =>
            Math.Abs(a.Item1 - b.Item1) < 1e-9 && Math.Abs(a.Item2 - b.Item2) < 1e-9 && Math.Abs(a.Item3 - b.Item3) < 1e-9;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}
