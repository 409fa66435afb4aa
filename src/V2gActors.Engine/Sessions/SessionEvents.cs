using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Sessions;

/// <summary>A fact the vehicle-session entity journals.</summary>
public interface IVehicleSessionEvent : IV2gSerializable;

public sealed record VehicleSessionBoundsRecorded(SessionBounds Bounds) : IVehicleSessionEvent;

public sealed record VehicleSessionSetpointHeld(string DispatchId, double SetpointW, DateTimeOffset At) : IVehicleSessionEvent;

/// <summary>The durable state of one session, rebuilt from its journal (or its snapshot). Pure.</summary>
public sealed record VehicleSessionState(SessionBounds? Bounds, double? HeldSetpointW, string? HeldDispatchId, DateTimeOffset? HeldSince)
    : IV2gSerializable
{
    /// <summary>When the session ended (null while it runs) and why.</summary>
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }

    /// <summary>The EV's last NotifyEVChargingSchedule: its time base and the schedule as OCPP JSON.</summary>
    public DateTimeOffset? EvScheduleTimeBase { get; init; }
    public string? EvScheduleJson { get; init; }

    public static VehicleSessionState Empty { get; } = new(null, null, null, null);

    public VehicleSessionState Apply(IVehicleSessionEvent e) => e switch
    {
        VehicleSessionBoundsRecorded b => this with { Bounds = b.Bounds },
        VehicleSessionSetpointHeld s => this with { HeldSetpointW = s.SetpointW, HeldDispatchId = s.DispatchId, HeldSince = s.At },
        VehicleSessionEnded x => EndedAt is not null ? this : this with { EndedAt = x.At, EndReason = x.Reason },
        VehicleSessionEvScheduleRecorded x => this with { EvScheduleTimeBase = x.TimeBase, EvScheduleJson = x.ScheduleJson },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown vehicle-session event"),
    };

    /// <summary>
    /// Null when <paramref name="next"/> may replace the current bounds. A session id names one vehicle at one EVSE in
    /// one fleet; reusing it elsewhere would silently move a vehicle between fleets, so it is refused.
    /// </summary>
    public string? RefuseRebinding(SessionBounds next) =>
        Bounds is { } current && (current.FleetId != next.FleetId || current.StationId != next.StationId || current.EvseId != next.EvseId)
            ? $"session {next.SessionId} belongs to fleet {current.FleetId} at {current.StationId}/{current.EvseId}"
            : null;
}
