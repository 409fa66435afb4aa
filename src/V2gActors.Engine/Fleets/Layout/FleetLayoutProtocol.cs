using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Fleets.Layout;

// ---- commands (answered with FleetLayoutUpdated once journaled, or FleetLayoutRefused) -----------------------------

/// <summary>
/// The configured layout of a fleet (sent by every node at start). Applied only when its revision is higher than the one
/// the fleet holds, so runtime changes journaled since survive a restart; raise the revision to override them.
/// </summary>
public sealed record ApplyFleetLayout(string FleetId, FleetLayout Layout) : IFleetCommand;

/// <summary>Adds a charger to the fleet (or moves it to another limit); <paramref name="Node"/> null = directly under the fleet.</summary>
public sealed record AssignChargerToFleet(string FleetId, string StationId, string? Node) : IFleetCommand;

public sealed record RemoveChargerFromFleet(string FleetId, string StationId) : IFleetCommand;

/// <summary>Adds a site / transformer / connection limit or changes one (e.g. a transformer derated for the afternoon).</summary>
public sealed record SetFleetLimit(string FleetId, LayoutNode Node) : IFleetCommand;

public sealed record FleetLayoutUpdated(string FleetId, int Revision, int Stations, int Limits, long SequenceNr) : IV2gSerializable;

public sealed record FleetLayoutRefused(string FleetId, string Reason) : IV2gSerializable;

// ---- events -------------------------------------------------------------------------------------------------------

/// <summary>A journaled change of the fleet's layout; <see cref="ApplyTo"/> folds it in (pure, idempotent).</summary>
public interface IFleetLayoutEvent : IFleetEvent
{
    FleetLayout ApplyTo(FleetLayout layout);
}

public sealed record FleetLayoutApplied(FleetLayout Layout, DateTimeOffset At) : IFleetLayoutEvent
{
    public FleetLayout ApplyTo(FleetLayout layout) => Layout.Revision > layout.Revision ? Layout : layout;
}

public sealed record FleetChargerAssigned(string StationId, string? Node, DateTimeOffset At) : IFleetLayoutEvent
{
    public FleetLayout ApplyTo(FleetLayout layout) => layout.WithStation(StationId, Node);
}

public sealed record FleetChargerRemoved(string StationId, DateTimeOffset At) : IFleetLayoutEvent
{
    public FleetLayout ApplyTo(FleetLayout layout) => layout.WithoutStation(StationId);
}

public sealed record FleetLimitSet(LayoutNode Node, DateTimeOffset At) : IFleetLayoutEvent
{
    public FleetLayout ApplyTo(FleetLayout layout) => layout.WithNode(Node);
}

/// <summary>Metered power of one EVSE, relayed from wherever its charger entity runs (never journaled).</summary>
public sealed record FleetMeterReading(string FleetId, string StationId, int EvseId, double PowerW, DateTimeOffset At) : IFleetCommand;
