using System.Collections.Immutable;
using V2gActors.Engine.Serialization;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Fleets.Layout;

namespace V2gActors.Engine.Fleets;

/// <summary>Anything addressed to one fleet entity; the shard extractor routes by <see cref="FleetId"/>.</summary>
public interface IFleetCommand : IV2gSerializable
{
    string FleetId { get; }
}

/// <summary>Session → fleet: add this session, or refresh its bounds. Answered with <see cref="FleetMemberConfirmed"/>.</summary>
public sealed record JoinFleet(string FleetId, SessionBounds Member) : IFleetCommand;

public sealed record FleetMemberConfirmed(string FleetId, string SessionId, int MemberCount) : IV2gSerializable;

public sealed record FleetMemberRefused(string FleetId, string SessionId, string Reason) : IV2gSerializable;

/// <summary>The vehicle left (or its session ended): it gets no more setpoints.</summary>
public sealed record LeaveFleet(string FleetId, string SessionId) : IFleetCommand;

/// <summary>
/// Hold <paramref name="TargetW"/> (import positive) across the fleet for <paramref name="Duration"/> (null: until
/// replaced). <paramref name="IngressAt"/> is when the triggering grid signal entered the system (GridIngress stamps it;
/// null = now): the dispatch log measures every stage from it. Answered with <see cref="FleetTargetDispatched"/>.
/// </summary>
public sealed record DispatchFleetTarget(
    string FleetId,
    double TargetW,
    TimeSpan? Duration = null,
    string Source = "operator",
    DateTimeOffset? IngressAt = null) : IFleetCommand;

/// <summary>The target was allocated and the frames are on their way (acks arrive later, in the dispatch log).</summary>
public sealed record FleetTargetDispatched(string FleetId, string DispatchId, double TargetW, double AllocatedW, int Frames)
    : IV2gSerializable;

/// <summary>The target could not be dispatched (not a finite number, or the allocation failed).</summary>
public sealed record FleetTargetRefused(string FleetId, string Reason) : IV2gSerializable;

public sealed record GetFleetState(string FleetId) : IFleetCommand;

/// <summary>
/// Target vs actual: <see cref="TargetW"/> asked, <see cref="AllocatedW"/> what the allocation could reach,
/// <see cref="HeldW"/> the sum of setpoints chargers acknowledged, <see cref="ActualW"/> the sum of the members' latest
/// metered power (null until a member reported any).
/// </summary>
public sealed record FleetStateView(
    string FleetId,
    double? TargetW,
    double? AllocatedW,
    double HeldW,
    double? ActualW,
    ActiveFleetTarget? ActiveTarget,
    ImmutableArray<FleetMemberView> Members,
    ImmutableArray<DispatchRecord> RecentDispatches,
    long SequenceNr) : IV2gSerializable
{
    /// <summary>Target minus what the allocation could reach (positive: the fleet imports less than asked); null without a target.</summary>
    public double? ShortfallW => TargetW - AllocatedW;

    /// <summary>The fleet's sites, transformers, connections and chargers.</summary>
    public FleetLayout? Layout { get; init; }

    /// <summary>Limits the last allocation could not hold (frozen sessions alone overload them); empty when all hold.</summary>
    public ImmutableArray<string> ViolatedLimits { get; init; } = [];
}

public sealed record FleetMemberView(
    SessionBounds Bounds,
    double HeldSetpointW,
    double? CommandedSetpointW,
    bool ProfileInstalled,
    double? MeteredW,
    DateTimeOffset? MeteredAt);

/// <summary>Passivation and shard hand-off stop message.</summary>
public sealed record StopFleet : IV2gSerializable
{
    public static StopFleet Instance { get; } = new();
}
