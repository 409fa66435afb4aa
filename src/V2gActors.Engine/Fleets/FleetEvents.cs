using System.Collections.Immutable;
using V2gActors.Engine.Serialization;
using V2gActors.Engine.Sessions;

namespace V2gActors.Engine.Fleets;

/// <summary>A fact the fleet entity journals; <see cref="FleetState.Apply"/> folds it in (idempotently).</summary>
public interface IFleetEvent : IV2gSerializable;

public sealed record FleetMemberJoined(SessionBounds Member, DateTimeOffset At) : IFleetEvent;

public sealed record FleetMemberLeft(string SessionId, DateTimeOffset At) : IFleetEvent;

/// <summary>
/// A target was allocated and its frames sent (round 1). Carries the whole record so the dispatch log is exact after
/// recovery, including the per-stage timestamps.
/// </summary>
public sealed record FleetDispatchStarted(DispatchRecord Dispatch) : IFleetEvent;

/// <summary>Some frames of a dispatch failed: the rest was re-allocated and sent as round <paramref name="Round"/>.</summary>
public sealed record FleetDispatchReallocated(
    string DispatchId,
    int Round,
    DateTimeOffset AllocatedAt,
    double AllocatedW,
    ImmutableArray<SetpointFrameRecord> Frames) : IFleetEvent;

/// <summary>A charger answered one frame (or it timed out, or the charger was offline).</summary>
public sealed record FleetFrameAcknowledged(
    string DispatchId,
    int Round,
    string SessionId,
    string Action,
    double SetpointW,
    bool Accepted,
    string Outcome,
    string? Detail,
    DateTimeOffset AckedAt) : IFleetEvent;

/// <summary>
/// The answers to a dispatch's frames, journaled together: one record per answered round (or per straggler window),
/// not one per charger, so a 1,000-charger dispatch costs the journal one write instead of a thousand.
/// </summary>
public sealed record FleetFramesAcknowledged(ImmutableArray<FleetFrameAcknowledged> Acks) : IFleetEvent;

/// <summary>The target a fleet is currently holding.</summary>
public sealed record ActiveFleetTarget(string DispatchId, double TargetW, TimeSpan? Duration, string Source, DateTimeOffset Since)
{
    public DateTimeOffset? Until => Duration is { } d ? Since + d : null;
}

/// <summary>
/// One dispatch with its per-stage timestamps: <see cref="IngressAt"/> (grid signal entered), <see cref="ReceivedAt"/>
/// (the fleet got the target), <see cref="AllocatedAt"/> (allocation done, frames handed to the charger entities), then
/// each frame's <see cref="SetpointFrameRecord.AckedAt"/>.
/// </summary>
public sealed record DispatchRecord(
    string DispatchId,
    double TargetW,
    TimeSpan? Duration,
    string Source,
    DateTimeOffset IngressAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset AllocatedAt,
    double AllocatedW,
    ImmutableArray<SetpointFrameRecord> Frames,
    int Rounds)
{
    public bool AllAnswered => Frames.All(f => f.AckedAt is not null);

    /// <summary>Folds answers of this dispatch into its frames in one pass (the first answer of a frame counts).</summary>
    public DispatchRecord WithAcks(IReadOnlyCollection<FleetFrameAcknowledged> acks)
    {
        var byFrame = new Dictionary<(int Round, string SessionId), FleetFrameAcknowledged>(acks.Count);
        foreach (var ack in acks) byFrame.TryAdd((ack.Round, ack.SessionId), ack);
        var frames = Frames.ToBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            if (f.AckedAt is null && byFrame.Remove((f.Round, f.SessionId), out var ack))
                frames[i] = f with { AckedAt = ack.AckedAt, Accepted = ack.Accepted, Outcome = ack.Outcome, Detail = ack.Detail };
        }
        return this with { Frames = frames.MoveToImmutable() };
    }
}

/// <summary>One OCPP frame of a dispatch: which session, which charger, which action and setpoint, and its answer.</summary>
public sealed record SetpointFrameRecord(
    string SessionId,
    string StationId,
    int EvseId,
    string Action,
    double SetpointW,
    int Round,
    DateTimeOffset SentAt,
    DateTimeOffset? AckedAt = null,
    bool? Accepted = null,
    string? Outcome = null,
    string? Detail = null);
