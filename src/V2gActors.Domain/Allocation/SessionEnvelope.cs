using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// A session's constraints for one dispatch, reduced to numbers (watts, import positive).
/// <para><b>Hard</b> bounds are physics and the driver's battery band; nothing ever crosses them.
/// <b>Soft</b> bounds add the ramp window and the forced minimum charge; the allocator keeps to them while
/// chasing the target and only gives them up when a tree limit cannot be met otherwise.</para>
/// </summary>
public readonly record struct SessionEnvelope(
    double HardLow,
    double HardHigh,
    double SoftLow,
    double SoftHigh,
    SetpointReason LowReason,
    SetpointReason HighReason,
    double ChargeWeight,
    double DischargeWeight,
    bool Frozen)
{
    /// <summary>
    /// Charging weight grows with urgency (up to 2× the power rating) and discharging weight shrinks with it
    /// (down to ½×), so vehicles that need their energy charge first and discharge last.
    /// </summary>
    public static SessionEnvelope Of(VehicleSession session, DateTimeOffset now, DispatchPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(policy);
        var previous = session.PreviousSetpoint.Value;
        if (!double.IsFinite(previous) || !double.IsFinite(session.MaxCharge.Value) || !double.IsFinite(session.MaxDischarge.Value))
            throw new ArgumentException($"Session {session.Id} has a power value that is not a finite number.", nameof(session));

        if (now - session.LastTelemetryAt > policy.StaleTelemetryAfter)
            return new SessionEnvelope(previous, previous, previous, previous,
                SetpointReason.Frozen, SetpointReason.Frozen, 0, 0, Frozen: true);

        var maxCharge = Math.Max(0, session.MaxCharge.Value);
        var maxDischarge = Math.Max(0, session.MaxDischarge.Value);

        var mayCharge = session.Battery.MayCharge;
        var mayDischarge = session.Battery.MayDischarge;
        var hardHigh = mayCharge ? maxCharge : 0;
        var hardLow = mayDischarge ? -maxDischarge : 0;
        var highReason = mayCharge ? SetpointReason.ChargeLimit : SetpointReason.TargetSocReached;
        var lowReason = mayDischarge ? SetpointReason.DischargeLimit : SetpointReason.ReserveProtected;

        var (softLow, softHigh) = (hardLow, hardHigh);
        var step = session.Ramp.Over(policy.Interval).Value;
        if (!double.IsPositiveInfinity(step))
        {
            if (previous - step > softLow) (softLow, lowReason) = (previous - step, SetpointReason.RampLimited);
            if (previous + step < softHigh) (softHigh, highReason) = (previous + step, SetpointReason.RampLimited);
            // The ramp window may lie wholly outside the hard range (the vehicle just got full, or its limit dropped).
            // Physics wins: stand at the hard bound nearest the ramp window.
            if (softLow > hardHigh)
            {
                (softLow, softHigh) = (hardHigh, hardHigh);
                lowReason = highReason = HardHighReason(mayCharge);
            }
            else if (softHigh < hardLow)
            {
                (softLow, softHigh) = (hardLow, hardLow);
                lowReason = highReason = HardLowReason(mayDischarge);
            }
        }

        // The floor is computed from the vehicle's charging capability, not today's SoC gate: a vehicle at its
        // target SoC may discharge and will be allowed to charge again right after.
        if (ForcedCharge.PowerFloor(session.Need, now, session.MaxCharge, policy.Interval) is { } floor && floor.Value > softLow)
        {
            // A ramp limit (or the SoC gate) below the floor still wins; the vehicle then charges as fast as allowed.
            if (floor.Value <= softHigh) (softLow, lowReason) = (floor.Value, SetpointReason.ForcedCharge);
            else (softLow, lowReason) = (softHigh, highReason);
        }

        var urgency = mayCharge ? ForcedCharge.Urgency(session.Need, now, session.MaxCharge) : 0;
        return new SessionEnvelope(hardLow, hardHigh, softLow, softHigh, lowReason, highReason,
            ChargeWeight: maxCharge * (1 + urgency),
            DischargeWeight: maxDischarge * (1 - 0.5 * urgency),
            Frozen: false);
    }

    private static SetpointReason HardHighReason(bool mayCharge) =>
        mayCharge ? SetpointReason.ChargeLimit : SetpointReason.TargetSocReached;

    private static SetpointReason HardLowReason(bool mayDischarge) =>
        mayDischarge ? SetpointReason.DischargeLimit : SetpointReason.ReserveProtected;
}
