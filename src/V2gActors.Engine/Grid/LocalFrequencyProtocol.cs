using System.Collections.Immutable;
using Akka.Actor;
using V2gActors.Domain.Grid;

namespace V2gActors.Engine.Grid;

// Local to the node, like GridIngress' inputs: the pre-positioning actor and the fleets it hears from share a node
// (see README gaps for the cluster relay).

/// <summary>
/// Pre-position <paramref name="Droop"/> at the fleet's chargers (path (a) of frequency response):
/// <paramref name="ReferencePowerW"/> is the rated power one per-unit of droop stands for, as in <see cref="AssignFleetToGrid"/>.
/// </summary>
public sealed record ArmLocalFrequency(string FleetId, FrequencyDroop Droop, double ReferencePowerW) : INoSerializationVerificationNeeded;

/// <summary>Stop refreshing the fleet's curves (the chargers keep theirs until the next central dispatch replaces them).</summary>
public sealed record DisarmLocalFrequency(string FleetId) : INoSerializationVerificationNeeded;

/// <summary>
/// A fleet's membership changed (join, leave, recovery): published by the fleet on the local EventStream. It carries
/// only the id, so a fleet nobody pre-positions pays nothing; an armed fleet's members are read back when it fires.
/// </summary>
public sealed record FleetMembershipChanged(string FleetId) : INoSerializationVerificationNeeded;

public sealed record GetLocalFrequencyState : INoSerializationVerificationNeeded
{
    public static GetLocalFrequencyState Instance { get; } = new();
}

/// <summary>Per armed fleet: how many members' chargers acknowledged their current curve.</summary>
public sealed record LocalFrequencyView(ImmutableDictionary<string, int> InstalledByFleet) : INoSerializationVerificationNeeded;
