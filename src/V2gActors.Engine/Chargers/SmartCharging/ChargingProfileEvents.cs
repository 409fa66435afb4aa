using System.Collections.Immutable;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>A smart-charging fact of the charger entity; <see cref="ChargingProfileBook.Apply"/> folds it in.</summary>
public interface IChargingProfileEvent : IChargerEvent;

/// <summary>The station accepted a SetChargingProfile: <paramref name="Profile"/> is now installed (replacing the same id).</summary>
public sealed record ChargingProfileInstalled(InstalledChargingProfile Profile) : IChargingProfileEvent;

/// <summary>The station accepted a ClearChargingProfile that removed these profiles.</summary>
public sealed record ChargingProfilesCleared(ImmutableArray<int> ProfileIds, DateTimeOffset At) : IChargingProfileEvent;

/// <summary>
/// The station accepted an UpdateDynamicSchedule for a Dynamic profile; <paramref name="UpdateJson"/> is the OCPP
/// ChargingScheduleUpdateType as sent. Kept so PullDynamicScheduleUpdate is answered from the entity's memory.
/// </summary>
public sealed record DynamicScheduleUpdated(int ProfileId, DateTimeOffset At, string UpdateJson) : IChargingProfileEvent;
