namespace V2gActors.Iso15118.Secc;

/// <summary>The target actually offered to the EV, and whether a limit cut the dispatched setpoint.</summary>
public sealed record LimitedTarget(double TargetW, bool Limited);

/// <summary>
/// Clamps the held setpoint into what the EVSE, the setpoint's own limits and the EV allow. Discharge is only
/// possible on a bidirectional (BPT) service; on a charge-only service a negative setpoint becomes zero.
/// </summary>
public static class SetpointLimiter
{
    public static LimitedTarget Limit(SeccSetpoint setpoint, EvseLimits evse, EvBounds ev, bool bidirectional)
    {
        var maxCharge = Min(evse.MaxChargePowerW, setpoint.MaxChargePowerW, ev.MaxChargePowerW);
        var maxDischarge = bidirectional ? Min(evse.MaxDischargePowerW, setpoint.MaxDischargePowerW, ev.MaxDischargePowerW) : 0;
        var target = Math.Clamp(setpoint.PowerW, -Math.Max(maxDischarge, 0), Math.Max(maxCharge, 0));
        return new LimitedTarget(target, target != setpoint.PowerW);
    }

    private static double Min(double evse, double? a, double? b) => Math.Min(evse, Math.Min(a ?? double.MaxValue, b ?? double.MaxValue));
}
