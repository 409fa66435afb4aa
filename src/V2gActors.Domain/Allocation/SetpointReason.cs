namespace V2gActors.Domain.Allocation;

/// <summary>Why a session got the setpoint it got: the constraint that held it, or none.</summary>
public enum SetpointReason
{
    /// <summary>Not held by any bound: moves with the fleet's water level.</summary>
    FollowingTarget,
    /// <summary>Telemetry is stale; the previous setpoint is kept and counted against the target.</summary>
    Frozen,
    /// <summary>At the charger's or vehicle's maximum charging power.</summary>
    ChargeLimit,
    /// <summary>At the charger's or vehicle's maximum discharging power.</summary>
    DischargeLimit,
    /// <summary>State of charge reached the driver's target, so it may not charge.</summary>
    TargetSocReached,
    /// <summary>State of charge is at or below the reserve, so it may not discharge.</summary>
    ReserveProtected,
    /// <summary>Held by the ramp limit from its previous setpoint.</summary>
    RampLimited,
    /// <summary>At the least power that still meets its energy need by departure: a forced charge, or a cap on discharging.</summary>
    ForcedCharge,
    /// <summary>A site, transformer or connection limit (or the fleet limit) holds it.</summary>
    TreeLimit,
}
