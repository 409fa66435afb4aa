namespace V2gActors.Domain.Allocation;

/// <summary>Names the constraint that decided a session's setpoint.</summary>
internal static class SetpointReasons
{
    public static SetpointReason Explain(in SessionEnvelope e, double power, double fleetLevel, WaterLevel scale)
    {
        if (e.Frozen) return SetpointReason.Frozen;

        // Had no tree node intervened, the session would sit at the fleet level's power.
        var free = scale.PowerAt(e, fleetLevel);
        if (!Tolerance.Near(power, free, Math.Max(Math.Abs(power), Math.Abs(free)))) return SetpointReason.TreeLimit;

        var wanted = WaterLevel.Unbounded(e, fleetLevel);
        if (wanted < e.SoftLow) return e.LowReason;
        if (wanted > e.SoftHigh) return e.HighReason;
        return SetpointReason.FollowingTarget;
    }
}
