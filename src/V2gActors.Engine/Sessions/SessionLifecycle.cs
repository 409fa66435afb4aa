using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Sessions;

/// <summary>
/// The session is over (its transaction ended, the EVSE got a new session, the station left the fleet): it leaves its
/// fleet and refuses further registrations. Idempotent.
/// </summary>
public sealed record EndVehicleSession(string SessionId, string Reason) : ISessionCommand;

/// <summary>The EV's own charging schedule (OCPP NotifyEVChargingSchedule), kept with the session for what plans next.</summary>
public sealed record RecordEvChargingSchedule(string SessionId, DateTimeOffset TimeBase, string ScheduleJson) : ISessionCommand;

public sealed record EvChargingScheduleRecorded(string SessionId, long SequenceNr) : IV2gSerializable;

public sealed record VehicleSessionEnded(string Reason, DateTimeOffset At) : IVehicleSessionEvent;

public sealed record VehicleSessionEvScheduleRecorded(DateTimeOffset TimeBase, string ScheduleJson, DateTimeOffset At) : IVehicleSessionEvent;
