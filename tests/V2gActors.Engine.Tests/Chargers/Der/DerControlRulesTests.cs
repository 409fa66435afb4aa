using V2gActors.Engine.Chargers.Der;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Tests.Chargers.Der;

public sealed class DerControlRulesTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly DERCurveType VoltVar = new()
    {
        Priority = 1, YUnit = DERUnitEnumType.PctMaxVar, StartTime = T, Duration = 3600,
        CurveData = [new DERCurvePointsType { X = 92, Y = 30 }, new DERCurvePointsType { X = 100, Y = 0 }, new DERCurvePointsType { X = 108, Y = -30 }],
    };

    private static SetDERControlRequest Control(DERControlEnumType type) => new() { IsDefault = false, ControlId = "c-1", ControlType = type };

    [Fact]
    public void A_control_with_exactly_its_matching_settings_object_passes()
    {
        Assert.Null(DerControlRules.Check(Control(DERControlEnumType.VoltVar) with { Curve = VoltVar }));
        Assert.Null(DerControlRules.Check(Control(DERControlEnumType.FixedPFInject) with
        {
            FixedPFInject = new FixedPFType { Priority = 0, Displacement = 0.95m, Excitation = true },
        }));
        Assert.Null(DerControlRules.Check(Control(DERControlEnumType.LimitMaxDischarge) with
        {
            LimitMaxDischarge = new LimitMaxDischargeType { Priority = 0, PctMaxDischargePower = 50 },
        }));
    }

    [Fact]
    public void No_settings_object_is_refused()
    {
        var reason = DerControlRules.Check(Control(DERControlEnumType.VoltVar));
        Assert.Contains("exactly one is required", reason);
    }

    [Fact]
    public void Two_settings_objects_are_refused_naming_both()
    {
        var reason = DerControlRules.Check(Control(DERControlEnumType.VoltVar) with
        {
            Curve = VoltVar, Gradient = new GradientType { Priority = 1, Gradient = 10, SoftGradient = 5 },
        });
        Assert.Contains("2 settings objects (curve, gradient)", reason);
    }

    [Fact]
    public void A_settings_object_that_does_not_match_the_control_type_is_refused()
    {
        var reason = DerControlRules.Check(Control(DERControlEnumType.FreqDroop) with { Curve = VoltVar });
        Assert.Contains("needs the settings object 'freqDroop'", reason);
    }

    [Fact]
    public void A_scheduled_curve_without_a_time_window_or_with_unordered_points_is_refused()
    {
        Assert.Contains("needs startTime and duration",
            DerControlRules.Check(Control(DERControlEnumType.VoltVar) with { Curve = VoltVar with { StartTime = null } }));
        Assert.Null(DerControlRules.Check(Control(DERControlEnumType.VoltVar) with
        {
            IsDefault = true, Curve = VoltVar with { StartTime = null, Duration = null },
        }));
        Assert.Contains("must increase strictly", DerControlRules.Check(Control(DERControlEnumType.VoltVar) with
        {
            Curve = VoltVar with { CurveData = [new DERCurvePointsType { X = 100, Y = 0 }, new DERCurvePointsType { X = 92, Y = 30 }] },
        }));
    }

    [Fact]
    public void Out_of_range_values_are_refused()
    {
        Assert.Contains("displacement", DerControlRules.Check(Control(DERControlEnumType.FixedPFAbsorb) with
        {
            FixedPFAbsorb = new FixedPFType { Priority = 0, Displacement = 1.2m, Excitation = false },
        }));
        Assert.Contains("lowVoltage", DerControlRules.Check(Control(DERControlEnumType.EnterService) with
        {
            EnterService = new EnterServiceType { Priority = 0, HighVoltage = 100, LowVoltage = 110, HighFreq = 50.1m, LowFreq = 49.9m },
        }));
        Assert.Contains("pctMaxDischargePower or powerMonitoringMustTrip", DerControlRules.Check(Control(DERControlEnumType.LimitMaxDischarge) with
        {
            LimitMaxDischarge = new LimitMaxDischargeType { Priority = 0 },
        }));
    }
}
