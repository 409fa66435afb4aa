using System.Collections.Immutable;
using V2gActors.Engine.Serialization;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Fleets.Layout;

namespace V2gActors.Engine.Fleets;

/// <summary>
/// One member of a fleet as the fleet keeps it: the session's bounds, the setpoint its charger last acknowledged
/// (<see cref="HeldSetpointW"/>), the one last sent (<see cref="CommandedSetpointW"/>), and whether our dynamic profile is
/// known to be installed on its EVSE (then later dispatches use the cheaper UpdateDynamicSchedule).
/// </summary>
public sealed record FleetMember(SessionBounds Bounds, double HeldSetpointW, double? CommandedSetpointW, bool ProfileInstalled)
{
    /// <summary>When the session joined or last updated its bounds: its telemetry age counts from here until a meter value arrives.</summary>
    public DateTimeOffset? JoinedAt { get; init; }
}

/// <summary>
/// The durable state of one fleet: membership, the active target and the recent dispatch log. Pure, and every
/// <see cref="Apply"/> is idempotent, because the fleet applies events as it emits them (fast path) and persists them
/// beside; a snapshot may therefore already contain an event that recovery replays.
/// </summary>
public sealed record FleetState(
    ImmutableDictionary<string, FleetMember> Members,
    ActiveFleetTarget? ActiveTarget,
    ImmutableList<DispatchRecord> Dispatches,
    long DispatchCount) : IV2gSerializable
{
    public const int DispatchesKept = 50;

    /// <summary>
    /// The log also stops at this many frames (keeping at least the latest dispatch): it lives in every snapshot, and 50
    /// dispatches of a 10,000-charger fleet would be half a million frame records to serialise each time.
    /// </summary>
    public const int FramesKept = 20_000;

    /// <summary>Sites, transformers, connections and chargers (Fleets/Layout).</summary>
    public FleetLayout Layout { get; init; } = FleetLayout.Empty;

    /// <summary>The last target without a duration: what a target with a duration reverts to when it ends.</summary>
    public ActiveFleetTarget? BaseTarget { get; init; }

    public static FleetState Empty { get; } = new(
        ImmutableDictionary<string, FleetMember>.Empty, null,
        ImmutableList<DispatchRecord>.Empty, 0);

    public DispatchRecord? FindDispatch(string dispatchId) => Dispatches.Find(d => d.DispatchId == dispatchId);

    public FleetState Apply(IFleetEvent e) => e switch
    {
        FleetMemberJoined j => this with
        {
            Members = Members.SetItem(j.Member.SessionId, Members.TryGetValue(j.Member.SessionId, out var m)
                ? m with { Bounds = j.Member, JoinedAt = j.At }
                : new FleetMember(j.Member, 0, null, false) { JoinedAt = j.At }),
        },
        FleetMemberLeft l => this with { Members = Members.Remove(l.SessionId) },
        FleetDispatchStarted s => FindDispatch(s.Dispatch.DispatchId) is not null ? this : this with
        {
            ActiveTarget = new ActiveFleetTarget(s.Dispatch.DispatchId, s.Dispatch.TargetW, s.Dispatch.Duration, s.Dispatch.Source,
                s.Dispatch.ReceivedAt),
            Dispatches = KeepLast(Dispatches.Add(s.Dispatch)),
            DispatchCount = DispatchCount + 1,
            Members = Commanded(Members, s.Dispatch.Frames),
            BaseTarget = s.Dispatch.Duration is null
                ? new ActiveFleetTarget(s.Dispatch.DispatchId, s.Dispatch.TargetW, null, s.Dispatch.Source, s.Dispatch.ReceivedAt)
                : BaseTarget,
        },
        FleetDispatchReallocated r => FindDispatch(r.DispatchId) is not { } d || d.Rounds >= r.Round ? this : this with
        {
            Dispatches = Dispatches.Replace(d, d with
            {
                Rounds = r.Round,
                AllocatedW = r.AllocatedW,
                Frames = d.Frames.AddRange(r.Frames),
            }),
            Members = Commanded(Members, r.Frames),
        },
        FleetFrameAcknowledged a => ApplyAcks([a]),
        FleetFramesAcknowledged b => ApplyAcks(b.Acks),
        IFleetLayoutEvent l => this with { Layout = l.ApplyTo(Layout) },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown fleet event"),
    };

    private FleetState ApplyAcks(IReadOnlyList<FleetFrameAcknowledged> acks)
    {
        var dispatches = Dispatches;
        foreach (var group in acks.GroupBy(a => a.DispatchId, StringComparer.Ordinal))
            if (dispatches.Find(d => d.DispatchId == group.Key) is { } d)
                dispatches = dispatches.Replace(d, d.WithAcks([.. group]));
        var members = Members.ToBuilder();
        foreach (var a in acks)
        {
            if (!members.TryGetValue(a.SessionId, out var m)) continue;
            // Accepted: the charger now follows this setpoint under our profile. Anything else: we no longer know
            // whether the profile is there (rejected, rebooted, offline), so the next dispatch installs it again.
            members[a.SessionId] = a.Accepted
                ? m with { HeldSetpointW = a.SetpointW, ProfileInstalled = true }
                : m with { ProfileInstalled = false };
        }
        return this with { Dispatches = dispatches, Members = members.ToImmutable() };
    }

    private static ImmutableDictionary<string, FleetMember> Commanded(
        ImmutableDictionary<string, FleetMember> members, ImmutableArray<SetpointFrameRecord> frames)
    {
        foreach (var f in frames)
            if (members.TryGetValue(f.SessionId, out var m)) members = members.SetItem(f.SessionId, m with { CommandedSetpointW = f.SetpointW });
        return members;
    }

    private static ImmutableList<DispatchRecord> KeepLast(ImmutableList<DispatchRecord> list)
    {
        var first = FirstKept(list);
        return first == 0 ? list : list.RemoveRange(0, first);
    }

    private static int FirstKept(ImmutableList<DispatchRecord> list)
    {
        var first = Math.Max(0, list.Count - DispatchesKept);
        var frames = 0;
        for (var i = list.Count - 1; i >= first; i--)
        {
            frames += list[i].Frames.Length;
            if (frames > FramesKept && i < list.Count - 1) return i + 1;
        }
        return first;
    }
}
