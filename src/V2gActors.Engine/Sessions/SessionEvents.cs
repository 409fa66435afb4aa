using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Sessions;

/// <summary>A fact the vehicle-session entity journals.</summary>
public interface IVehicleSessionEvent : IV2gSerializable;

public sealed record VehicleSessionBoundsRecorded(SessionBounds Bounds) : IVehicleSessionEvent;

public sealed record VehicleSessionSetpointHeld(string DispatchId, double SetpointW, DateTimeOffset At) : IVehicleSessionEvent;

/// <summary>The durable state of one session, rebuilt from its journal. Pure.</summary>
public sealed record VehicleSessionState(SessionBounds? Bounds, double? HeldSetpointW, string? HeldDispatchId, DateTimeOffset? HeldSince)
{
    public static VehicleSessionState Empty { get; } = new(null, null, null, null);

    public VehicleSessionState Apply(IVehicleSessionEvent e) => e switch
    {
        VehicleSessionBoundsRecorded b => this with { Bounds = b.Bounds },
        VehicleSessionSetpointHeld s => this with { HeldSetpointW = s.SetpointW, HeldDispatchId = s.DispatchId, HeldSince = s.At },
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
