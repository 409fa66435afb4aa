using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// Energy the driver still wants delivered before <see cref="Departure"/> (ISO 15118-20 / OCPP EV charging needs).
/// <see cref="Remaining"/> may be zero or negative once the need is met; the departure still matters then,
/// because discharging close to it could not be made up.
/// </summary>
public readonly record struct EnergyNeed(WattHours Remaining, DateTimeOffset Departure)
{
    /// <summary>No commitment: no departure known, the vehicle is pure flexibility.</summary>
    public static readonly EnergyNeed None = new(WattHours.Zero, DateTimeOffset.MaxValue);

    public bool IsNone => Departure == DateTimeOffset.MaxValue;
}
