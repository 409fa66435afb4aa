namespace V2gActors.Iso15118.Secc;

/// <summary>
/// What the EV has told the SECC about itself so far (all values as the EV sent them, converted to W / Wh / %).
/// Discharge values are magnitudes (positive). Every field is optional because each arrives in a different message
/// (ChargeParameterDiscovery, ScheduleExchange, each ChargeLoop) and an EV may leave optional ones out.
/// </summary>
public sealed record EvBounds(
    double? MaxChargePowerW = null,
    double? MinChargePowerW = null,
    double? MaxDischargePowerW = null,
    double? MinDischargePowerW = null,
    double? TargetEnergyRequestWh = null,
    double? MaxEnergyRequestWh = null,
    double? MinEnergyRequestWh = null,
    double? MaxV2xEnergyRequestWh = null,
    double? MinV2xEnergyRequestWh = null,
    int? PresentSocPercent = null,
    int? MinimumSocPercent = null,
    int? TargetSocPercent = null,
    DateTimeOffset? Departure = null)
{
    public static EvBounds Unknown { get; } = new();
}

/// <summary>
/// Receives the EV's bounds as the SECC learns them (only when they change). Called on the connection's thread from
/// inside request handling, so implementations must not block: hand the value on (e.g. Tell an actor) and return.
/// </summary>
public interface IVehicleBoundsSink
{
    void BoundsLearned(EvBounds bounds);
}

public sealed class NoBoundsSink : IVehicleBoundsSink
{
    public static NoBoundsSink Instance { get; } = new();
    public void BoundsLearned(EvBounds bounds) { }
}
