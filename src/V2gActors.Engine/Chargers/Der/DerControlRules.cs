using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.Der;

/// <summary>
/// The semantic rules of SetDERControl that the JSON schema cannot express (OCPP 2.1 part 2, R04 "DER control"): exactly
/// one settings object, and the one that matches <c>controlType</c>; time windows only where they mean something; curves
/// that are functions of x. Pure; the charger entity refuses a violating command with the returned reason and never
/// sends it.
/// </summary>
public static class DerControlRules
{
    /// <summary>Why a CSMS→charger <paramref name="action"/> with this (schema-valid) payload must not be sent; null if it may.</summary>
    public static string? Refusal(string action, ReadOnlySpan<byte> payload) =>
        action == "SetDERControl" ? Check(OcppPayloadCodec.Decode<SetDERControlRequest>(payload)) : null;

    /// <summary>Null when <paramref name="request"/> may be sent; otherwise why not, in one sentence.</summary>
    public static string? Check(SetDERControlRequest request)
    {
        var present = PresentSettings(request);
        if (present.Count != 1)
            return present.Count == 0
                ? "SetDERControl carries no settings object; exactly one is required."
                : $"SetDERControl carries {present.Count} settings objects ({string.Join(", ", present)}); exactly one is required.";

        var expected = SettingsFor(request.ControlType);
        if (present[0] != expected)
            return $"controlType {OcppText.Of(request.ControlType)} needs the settings object '{expected}', not '{present[0]}'.";
        if (string.IsNullOrWhiteSpace(request.ControlId)) return "controlId must not be empty.";

        return request switch
        {
            { Curve: { } curve } => CheckCurve(curve, request.IsDefault, "curve"),
            { LimitMaxDischarge: { } limit } => CheckLimitMaxDischarge(limit, request.IsDefault),
            { EnterService: { } enter } => CheckEnterService(enter),
            { FixedPFAbsorb: { } pf } => CheckPowerFactor(pf, "fixedPFAbsorb"),
            { FixedPFInject: { } pf } => CheckPowerFactor(pf, "fixedPFInject"),
            { FixedVar: { } fixedVar } => CheckWindow(fixedVar.Duration, "fixedVar"),
            { FreqDroop: { } droop } => CheckDroop(droop),
            _ => null,
        };
    }

    /// <summary>The name of the settings object a control type is carried in (the schema's property name).</summary>
    public static string SettingsFor(DERControlEnumType type) => type switch
    {
        DERControlEnumType.EnterService => "enterService",
        DERControlEnumType.FreqDroop => "freqDroop",
        DERControlEnumType.FixedPFAbsorb => "fixedPFAbsorb",
        DERControlEnumType.FixedPFInject => "fixedPFInject",
        DERControlEnumType.FixedVar => "fixedVar",
        DERControlEnumType.Gradients => "gradient",
        DERControlEnumType.LimitMaxDischarge => "limitMaxDischarge",
        // Volt-var, volt-watt, freq-watt, watt-pf, watt-var and every must-trip/may-trip/momentary-cessation curve.
        _ => "curve",
    };

    private static List<string> PresentSettings(SetDERControlRequest r)
    {
        var present = new List<string>(1);
        if (r.Curve is not null) present.Add("curve");
        if (r.EnterService is not null) present.Add("enterService");
        if (r.FixedPFAbsorb is not null) present.Add("fixedPFAbsorb");
        if (r.FixedPFInject is not null) present.Add("fixedPFInject");
        if (r.FixedVar is not null) present.Add("fixedVar");
        if (r.FreqDroop is not null) present.Add("freqDroop");
        if (r.Gradient is not null) present.Add("gradient");
        if (r.LimitMaxDischarge is not null) present.Add("limitMaxDischarge");
        return present;
    }

    private static string? CheckCurve(DERCurveType curve, bool isDefault, string name)
    {
        // The schema: startTime and duration are "only absent when default is true".
        if (!isDefault && (curve.StartTime is null || curve.Duration is null))
            return $"{name}: a non-default curve needs startTime and duration.";
        if (CheckWindow(curve.Duration, name) is { } window) return window;
        for (var i = 1; i < curve.CurveData.Count; i++)
        {
            if (curve.CurveData[i].X <= curve.CurveData[i - 1].X)
                return $"{name}: curveData x values must increase strictly (point {i} has x={curve.CurveData[i].X} after x={curve.CurveData[i - 1].X}).";
        }
        return null;
    }

    private static string? CheckLimitMaxDischarge(LimitMaxDischargeType limit, bool isDefault)
    {
        if (limit.PctMaxDischargePower is null && limit.PowerMonitoringMustTrip is null)
            return "limitMaxDischarge needs pctMaxDischargePower or powerMonitoringMustTrip.";
        if (limit.PctMaxDischargePower is { } pct && (pct < 0 || pct > 100))
            return $"limitMaxDischarge.pctMaxDischargePower must be within 0..100, not {pct}.";
        return limit.PowerMonitoringMustTrip is { } curve
            ? CheckCurve(curve, isDefault, "limitMaxDischarge.powerMonitoringMustTrip")
            : CheckWindow(limit.Duration, "limitMaxDischarge");
    }

    private static string? CheckEnterService(EnterServiceType enter) =>
        enter.LowVoltage >= enter.HighVoltage ? $"enterService: lowVoltage ({enter.LowVoltage}) must be below highVoltage ({enter.HighVoltage})."
        : enter.LowFreq >= enter.HighFreq ? $"enterService: lowFreq ({enter.LowFreq}) must be below highFreq ({enter.HighFreq})."
        : null;

    private static string? CheckPowerFactor(FixedPFType pf, string name) =>
        pf.Displacement is <= 0 or > 1 ? $"{name}: displacement is a power factor within (0, 1], not {pf.Displacement}."
        : CheckWindow(pf.Duration, name);

    private static string? CheckDroop(FreqDroopType droop) =>
        droop.UnderFreq > droop.OverFreq ? $"freqDroop: underFreq ({droop.UnderFreq}) must not exceed overFreq ({droop.OverFreq})."
        : droop.OverDroop <= 0 || droop.UnderDroop <= 0 ? "freqDroop: overDroop and underDroop must be positive."
        : CheckWindow(droop.Duration, "freqDroop");

    private static string? CheckWindow(decimal? duration, string name) =>
        duration is <= 0 ? $"{name}: duration must be positive, not {duration}." : null;
}
