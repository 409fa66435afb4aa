using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// What the allocator needs to know about one plugged-in vehicle at dispatch time.
/// </summary>
/// <param name="Id">The session.</param>
/// <param name="LimitNode">Index of the <see cref="LimitTree"/> node this session's connection hangs from.</param>
/// <param name="MaxCharge">Charging power available now: the lower of the charger's and the vehicle's limit (≥ 0).</param>
/// <param name="MaxDischarge">Discharging power available now, as a magnitude (≥ 0); zero for a vehicle without V2G.</param>
/// <param name="Battery">State of charge and the band the driver allows.</param>
/// <param name="Need">Energy still wanted before departure.</param>
/// <param name="PreviousSetpoint">The setpoint last sent; ramp limits are measured from it and frozen sessions keep it.</param>
/// <param name="Ramp">How fast this session's setpoint may move.</param>
/// <param name="LastTelemetryAt">When we last heard from the session; stale sessions are frozen.</param>
public sealed record VehicleSession(
    SessionId Id,
    int LimitNode,
    Watts MaxCharge,
    Watts MaxDischarge,
    BatteryWindow Battery,
    EnergyNeed Need,
    Watts PreviousSetpoint,
    RampRate Ramp,
    DateTimeOffset LastTelemetryAt);
