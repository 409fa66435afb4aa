using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>One session's share of a dispatch.</summary>
public readonly record struct SessionSetpoint(SessionId Session, Watts Setpoint, SetpointReason Reason);

/// <summary>
/// The outcome of a dispatch. <see cref="Setpoints"/> are in the order of the request's sessions.
/// <see cref="Shortfall"/> is target minus achieved: positive when the fleet imports less than asked,
/// negative when it imports more (or exports less) than asked, zero when the target was met.
/// </summary>
public sealed record FleetAllocation(
    IReadOnlyList<SessionSetpoint> Setpoints,
    Watts Target,
    Watts Achieved,
    IReadOnlyList<Watts> NodeTotals,
    IReadOnlyList<int> ViolatedNodes)
{
    public Watts Shortfall => Target - Achieved;

    /// <summary>
    /// True when every tree limit holds. It can only be false when frozen sessions alone push a node past its
    /// limit and the sessions we still control cannot compensate.
    /// </summary>
    public bool WithinLimits => ViolatedNodes.Count == 0;
}
