using V2gActors.Domain.Units;

namespace V2gActors.Domain.Grid;

/// <summary>
/// One instruction from the grid side, protocol-neutral: what both an IEEE 2030.5 DERControl (each opMod*)
/// and an OCPP 2.1 SetDERControl translate to. A 2030.5 DERControlBase carrying several modes becomes several
/// controls sharing an id and window; arbitration between overlapping controls happens elsewhere.
/// </summary>
public abstract record GridControl(string ControlId, ControlWindow Window);

/// <summary>Hold this fleet exchange (opModTargetW; opModFixedW once converted from % of rated power).</summary>
public sealed record FleetTargetControl(string ControlId, ControlWindow Window, Watts Target)
    : GridControl(ControlId, Window);

/// <summary>Stay within these import/export caps (opModImpLimW, opModMaxLimW, opModExpLimW).</summary>
public sealed record PowerLimitControl(string ControlId, ControlWindow Window, PowerLimits Limits)
    : GridControl(ControlId, Window);

/// <summary>Answer frequency deviations with a droop (opModFreqDroop, OCPP FreqDroop).</summary>
public sealed record FrequencyDroopControl(string ControlId, ControlWindow Window, FrequencyDroop Droop)
    : GridControl(ControlId, Window);

/// <summary>Answer frequency deviations with explicit points (opModFreqWatt, OCPP FreqWatt curve).</summary>
public sealed record FrequencyWattControl(string ControlId, ControlWindow Window, FrequencyWattCurve Curve)
    : GridControl(ControlId, Window);

/// <summary>Reactive power against voltage (opModVoltVar, OCPP VoltVar curve).</summary>
public sealed record VoltVarControl(string ControlId, ControlWindow Window, VoltVarCurve Curve)
    : GridControl(ControlId, Window);

/// <summary>Active power limit against voltage (opModVoltWatt, OCPP VoltWatt curve).</summary>
public sealed record VoltWattControl(string ControlId, ControlWindow Window, VoltWattCurve Curve)
    : GridControl(ControlId, Window);
