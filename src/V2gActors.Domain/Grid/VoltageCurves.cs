using V2gActors.Domain.Units;

namespace V2gActors.Domain.Grid;

/// <summary>
/// Volt-var: reactive power (Y, % of the reference var capability; positive absorbs) against voltage
/// (X, % of nominal voltage). 2030.5 opModVoltVar and OCPP DERCurve VoltVar share this shape.
/// </summary>
public sealed record VoltVarCurve(PiecewiseLinearCurve Curve, TimeSpan OpenLoopResponseTime)
{
    public double PercentVarAt(double percentOfNominalVoltage) => Curve.Evaluate(percentOfNominalVoltage);
}

/// <summary>
/// Volt-watt: active power limit (Y, % of maximum active power) against voltage (X, % of nominal voltage).
/// 2030.5 opModVoltWatt and OCPP DERCurve VoltWatt share this shape.
/// </summary>
public sealed record VoltWattCurve(PiecewiseLinearCurve Curve, TimeSpan OpenLoopResponseTime)
{
    public double PercentPowerAt(double percentOfNominalVoltage) => Curve.Evaluate(percentOfNominalVoltage);
}

/// <summary>
/// Freq-watt as an explicit curve (2030.5 opModFreqWatt, OCPP DERCurve FreqWatt): X in Hz, Y a fraction of the
/// reference power as a change from the operating point, import positive. Use it instead of a droop when the
/// grid operator sends points rather than a slope.
/// </summary>
public sealed record FrequencyWattCurve(PiecewiseLinearCurve Curve, TimeSpan OpenLoopResponseTime)
{
    public Watts PowerChangeAt(Hertz frequency, Watts referencePower) =>
        new(Curve.Evaluate(frequency.Value) * referencePower.Value);
}
