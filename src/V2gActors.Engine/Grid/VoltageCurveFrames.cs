using System.Text;
using V2gActors.Domain.Grid;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Grid;

/// <summary>
/// Volt-var and volt-watt onto chargers: both are local responses to the voltage at the charger's own connection point,
/// in per-cent units (X: % of nominal voltage; Y: % of maximum var or of maximum W), so every charger of a fleet gets the
/// same curve unchanged, as OCPP 2.1 <c>SetDERControl</c> (R04) with <c>controlType</c> VoltVar / VoltWatt and a
/// <c>DERCurveType</c> (<c>yUnit</c> PctMaxVar / PctMaxW). There is no per-charger share to compute: unlike frequency,
/// voltage differs from charger to charger and only the charger can see it. Pure.
/// </summary>
public static class VoltageCurveFrames
{
    public const string SetDERControl = "SetDERControl";

    /// <summary>OCPP's DERCurveType carries at most this many points.</summary>
    public const int MaxPoints = 10;

    /// <summary>True for the controls this maps (volt-var, volt-watt).</summary>
    public static bool IsVoltageCurve(GridControl control) => control is VoltVarControl or VoltWattControl;

    /// <summary>
    /// The SetDERControl for a volt-var or volt-watt control; null for any other kind, or with <paramref name="refusal"/>
    /// when the curve does not fit OCPP (more than <see cref="MaxPoints"/> points: resampling would change the response).
    /// </summary>
    public static string? For(GridControl control, out string? refusal)
    {
        var points = control switch { VoltVarControl vv => vv.Curve.Curve.Points.Count, VoltWattControl vw => vw.Curve.Curve.Points.Count, _ => 0 };
        refusal = points > MaxPoints ? $"{control.ControlId}: the curve has {points} points; OCPP 2.1 DERCurve carries at most {MaxPoints}" : null;
        return refusal is null ? For(control) : null;
    }

    private static string? For(GridControl control) => control switch
    {
        VoltVarControl vv => Payload(vv.ControlId, vv.Window, DERControlEnumType.VoltVar, DERUnitEnumType.PctMaxVar, vv.Curve.Curve,
            vv.Curve.OpenLoopResponseTime),
        VoltWattControl vw => Payload(vw.ControlId, vw.Window, DERControlEnumType.VoltWatt, DERUnitEnumType.PctMaxW, vw.Curve.Curve,
            vw.Curve.OpenLoopResponseTime),
        _ => null,
    };

    private static string Payload(string controlId, ControlWindow window, DERControlEnumType type, DERUnitEnumType unit,
        PiecewiseLinearCurve curve, TimeSpan responseTime)
    {
        // A default control (2030.5 DefaultDERControl, OCPP isDefault) has no start or duration of its own.
        var isDefault = window.Duration == TimeSpan.MaxValue;
        var request = new SetDERControlRequest
        {
            IsDefault = isDefault,
            ControlId = controlId.Length <= 36 ? controlId : controlId[..36],
            ControlType = type,
            Curve = new DERCurveType
            {
                Priority = Math.Max(0, window.Priority),
                YUnit = unit,
                CurveData = [.. curve.Points.Select(p => new DERCurvePointsType { X = Round(p.X), Y = Round(p.Y) })],
                ResponseTime = responseTime > TimeSpan.Zero ? Round(responseTime.TotalSeconds) : null,
                StartTime = isDefault ? null : window.Start,
                Duration = isDefault ? null : Round(window.Duration.TotalSeconds),
            },
        };
        return Encoding.UTF8.GetString(OcppPayloadCodec.Encode(request));
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 3, MidpointRounding.AwayFromZero);
}
