namespace V2gActors.Domain.Events;

/// <summary>
/// The independently controllable DER functions an event can govern. Two events only compete when they govern
/// at least one mode in common; an export limit and a volt-var curve can both be in force at once.
/// </summary>
public enum DerControlMode
{
    Connect,
    Energize,
    FixedActivePowerPercent,
    TargetActivePower,
    MaxActivePowerPercent,
    MaxExportPower,
    MaxImportPower,
    FixedPowerFactorInjecting,
    FixedPowerFactorAbsorbing,
    FixedReactivePower,
    TargetReactivePower,
    FrequencyDroop,
    VoltVar,
    VoltWatt,
    FrequencyWatt,
    WattPowerFactor,
    WattVar,
    HighFrequencyRideThrough,
    LowFrequencyRideThrough,
    HighVoltageRideThrough,
    LowVoltageRideThrough,
    RampTime,
    FixedVoltage,
    TargetVoltage,
    ActivePowerDelta,
    ReactivePowerDelta,
    MaxApparentPowerPercentInjecting,
    MaxApparentPowerPercentAbsorbing,
    MaxReactivePowerInjecting,
    MaxReactivePowerAbsorbing,
    MaxReactivePowerPercentInjecting,
    MaxReactivePowerPercentAbsorbing,
    MaxActivePowerPercentAbsorbing,
    GridConnectPermit,
    IslandPermit,
}
