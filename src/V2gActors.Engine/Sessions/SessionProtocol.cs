using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Sessions;

/// <summary>Anything addressed to one vehicle-session entity; the shard extractor routes by <see cref="SessionId"/>.</summary>
public interface ISessionCommand : IV2gSerializable
{
    string SessionId { get; }
}

/// <summary>
/// Opens a session, or refreshes its bounds (new SoC, new departure). Sent by whatever learned the EV's needs: today a
/// direct caller or <see cref="ChargingNeedsMapping"/> (OCPP NotifyEVChargingNeeds), later the 15118-20 SECC.
/// Answered with <see cref="VehicleSessionRegistered"/> once durable.
/// </summary>
public sealed record RegisterVehicleSession(SessionBounds Bounds) : ISessionCommand
{
    public string SessionId => Bounds.SessionId;
}

public sealed record VehicleSessionRegistered(string SessionId, string FleetId, long SequenceNr) : IV2gSerializable;

/// <summary>Refused: <paramref name="Reason"/> says why (invalid bounds, or a session id reused for another fleet/EVSE).</summary>
public sealed record VehicleSessionRejected(string SessionId, string Reason) : IV2gSerializable;

/// <summary>
/// Fleet → session: the setpoint the fleet allocated to this session in <paramref name="DispatchId"/>. The charge loop
/// (15118-20) answers from the setpoint the session holds, so it is kept here, beside the vehicle.
/// </summary>
public sealed record HoldSessionSetpoint(string SessionId, string DispatchId, double SetpointW, DateTimeOffset At) : ISessionCommand;

public sealed record GetVehicleSessionState(string SessionId) : ISessionCommand;

/// <summary>What the session holds: its bounds (null before registration) and the fleet's last setpoint.</summary>
public sealed record VehicleSessionView(
    string SessionId,
    SessionBounds? Bounds,
    double? HeldSetpointW,
    string? HeldDispatchId,
    DateTimeOffset? HeldSince,
    long SequenceNr) : IV2gSerializable
{
    /// <summary>When the session ended (null while it runs) and why.</summary>
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
    /// <summary>Time base of the EV's last NotifyEVChargingSchedule, if it sent one.</summary>
    public DateTimeOffset? EvScheduleTimeBase { get; init; }
}

/// <summary>Passivation and shard hand-off stop message.</summary>
public sealed record StopVehicleSession : IV2gSerializable
{
    public static StopVehicleSession Instance { get; } = new();
}
