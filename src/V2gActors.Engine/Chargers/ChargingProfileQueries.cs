using System.Collections.Immutable;
using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// Asks a charger entity for the charging profiles it believes installed on the station (the CSMS's own record,
/// answered from memory, not a GetChargingProfiles round trip). Answered with <see cref="InstalledChargingProfilesView"/>.
/// </summary>
public sealed record GetInstalledChargingProfiles(string StationId) : IChargerCommand;

/// <summary>
/// One installed profile: the facts an operator scans for, plus the profile as sent (OCPP JSON). For a Dynamic profile,
/// the last accepted UpdateDynamicSchedule (OCPP ChargingScheduleUpdateType JSON) and when it was accepted.
/// </summary>
public sealed record InstalledChargingProfile(
    int EvseId,
    int ProfileId,
    int StackLevel,
    string Purpose,
    string Kind,
    string? OperationMode,
    DateTimeOffset InstalledAt,
    string ProfileJson,
    string? TransactionId = null,
    string? DynamicUpdateJson = null,
    DateTimeOffset? DynamicUpdatedAt = null) : IV2gSerializable;

public sealed record InstalledChargingProfilesView(string StationId, ImmutableArray<InstalledChargingProfile> Profiles)
    : IV2gSerializable;
