using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>
/// Asks a charger entity for the composite schedule it expects the station to follow on <paramref name="EvseId"/> from now
/// for <paramref name="DurationSeconds"/>, computed from its own record of installed profiles (no round trip).
/// Answered with <see cref="ExpectedCompositeScheduleView"/>.
/// </summary>
public sealed record GetExpectedCompositeSchedule(string StationId, int EvseId, int DurationSeconds, string ChargingRateUnit = "W")
    : IChargerCommand;

/// <summary>The expected composite schedule as OCPP 2.1 CompositeScheduleType JSON.</summary>
public sealed record ExpectedCompositeScheduleView(string StationId, int EvseId, string ScheduleJson) : IV2gSerializable;
