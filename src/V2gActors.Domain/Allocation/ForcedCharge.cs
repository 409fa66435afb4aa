using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// The "latest start" rule: the least power to run at now so that, charging at full power for the rest of the
/// time, the vehicle still gets its energy by departure. While the vehicle has plenty of slack the floor is far
/// below zero (it may even discharge); as slack shrinks the floor first caps discharging, then forces charging.
/// Deferring any longer than this would break the promise to the driver.
/// </summary>
public static class ForcedCharge
{
    /// <summary>
    /// The power floor (import positive; a negative floor means "may discharge this much at most"), or null when
    /// there is no departure to honour. A vehicle that already has its energy still gets a floor near departure,
    /// so it is not drained in the last minutes with no time left to recharge.
    /// </summary>
    /// <param name="need">Energy still wanted (zero or negative once met) and when.</param>
    /// <param name="now">Dispatch time.</param>
    /// <param name="maxCharge">Charging power the vehicle can take, assumed available until departure.</param>
    /// <param name="interval">How long this setpoint will be held.</param>
    public static Watts? PowerFloor(EnergyNeed need, DateTimeOffset now, Watts maxCharge, TimeSpan interval)
    {
        if (need.IsNone) return null;
        var energy = need.Remaining.Value;
        var max = Math.Max(0, maxCharge.Value);
        var hoursLeft = (need.Departure - now).TotalHours;
        var step = interval.TotalHours;

        if (hoursLeft <= 0 || step <= 0) return energy > 0 ? new Watts(max) : null; // overdue: charge what we can, or let go.
        if (hoursLeft <= step) return new Watts(Math.Min(max, energy / hoursLeft));

        // After this interval at power p, the rest (E - p·Δt) must still fit in max·(T - Δt).
        var floor = (energy - max * (hoursLeft - step)) / step;
        return new Watts(Math.Min(floor, max));
    }

    /// <summary>
    /// How tight the need is, 0 (plenty of slack) to 1 (needs full power until departure): the average power
    /// required divided by the power available. Used to favour urgent vehicles when sharing charging power.
    /// </summary>
    public static double Urgency(EnergyNeed need, DateTimeOffset now, Watts maxCharge)
    {
        var energy = need.Remaining.Value;
        var max = maxCharge.Value;
        if (energy <= 0 || max <= 0) return 0;
        if (need.IsNone) return 0;
        var hoursLeft = (need.Departure - now).TotalHours;
        if (hoursLeft <= 0) return 1;
        return Math.Clamp(energy / (max * hoursLeft), 0, 1);
    }
}
