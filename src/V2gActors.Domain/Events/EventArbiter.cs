using System.Collections.Immutable;

namespace V2gActors.Domain.Events;

/// <summary>
/// 2030.5 event arbitration for one device, pure and clock-free: the caller passes the server-time instant.
/// <list type="bullet">
/// <item>Precedence: lower primacy wins; at equal primacy (same program or not) the newer creationTime wins.</item>
/// <item>An event is superseded, in its entirety, when a preceding event overlaps it in time and governs at least
/// one of the same modes. Events that share no mode run side by side.</item>
/// <item>Randomised start/duration are applied per device before any overlap test.</item>
/// <item>Modes no event governs fall back to the DefaultDERControl of the highest-precedence program defining them.</item>
/// </list>
/// </summary>
public static class EventArbiter
{
    public static ArbitrationResult Evaluate(DeviceSchedule schedule, EventLedger ledger, long now, ulong seed = 0)
    {
        var intervals = schedule.Events.ToDictionary(
            e => e.Mrid, e => EventRandomization.Apply(e, schedule.DeviceId, seed), StringComparer.Ordinal);
        var superseded = FindSuperseded(schedule.Events, intervals, ledger);

        var transitions = new List<EventTransition>();
        var reported = ImmutableDictionary.CreateBuilder<string, ResponseStatus>(StringComparer.Ordinal);
        var active = new List<ScheduledEvent>();
        foreach (var e in schedule.Events.OrderBy(e => intervals[e.Mrid].Start).ThenBy(e => e.Mrid, StringComparer.Ordinal))
        {
            var target = TargetStatus(e, intervals[e.Mrid], superseded.Contains(e.Mrid), ledger, now);
            var last = ledger.LastFor(e.Mrid);
            foreach (var status in StepsFrom(last, target)) transitions.Add(new EventTransition(e.Mrid, e.ProgramId, status));
            reported[e.Mrid] = target;
            if (target == ResponseStatus.EventStarted) active.Add(e);
        }

        return new ArbitrationResult(GoverningSources(active, schedule.Programs), transitions, new EventLedger(reported.ToImmutable()));
    }

    /// <summary>Greedy in precedence order: an event survives only if no surviving event that precedes it collides with it.</summary>
    private static HashSet<string> FindSuperseded(
        IReadOnlyList<ScheduledEvent> events, IReadOnlyDictionary<string, EffectiveInterval> intervals, EventLedger ledger)
    {
        var superseded = new HashSet<string>(StringComparer.Ordinal);
        var survivors = new List<ScheduledEvent>();
        foreach (var e in events.Order(Precedence.Instance))
        {
            if (e.ServerStatus is ServerEventStatus.Cancelled or ServerEventStatus.CancelledWithRandomization) continue;
            // A superseded event stays superseded: its Response has gone out and it must not come back to life.
            if (e.ServerStatus == ServerEventStatus.Superseded || ledger.LastFor(e.Mrid) == ResponseStatus.EventSuperseded)
            {
                superseded.Add(e.Mrid);
                continue;
            }
            var collides = survivors.Any(w => intervals[w.Mrid].Overlaps(intervals[e.Mrid]) && w.Modes.Overlaps(e.Modes));
            if (collides) superseded.Add(e.Mrid);
            else survivors.Add(e);
        }
        return superseded;
    }

    private static ResponseStatus TargetStatus(
        ScheduledEvent e, EffectiveInterval interval, bool isSuperseded, EventLedger ledger, long now)
    {
        if (ledger.IsFinished(e.Mrid)) return ledger.LastFor(e.Mrid)!.Value;
        if (e.ServerStatus is ServerEventStatus.Cancelled or ServerEventStatus.CancelledWithRandomization)
            return ResponseStatus.EventCancelled;
        if (isSuperseded) return ResponseStatus.EventSuperseded;
        if (now >= interval.End)
            return ledger.LastFor(e.Mrid) is null ? ResponseStatus.EventExpired : ResponseStatus.EventCompleted;
        return interval.Contains(now) ? ResponseStatus.EventStarted : ResponseStatus.EventReceived;
    }

    /// <summary>The Responses between what was last reported and where the event is now, oldest first.</summary>
    private static IEnumerable<ResponseStatus> StepsFrom(ResponseStatus? last, ResponseStatus target)
    {
        if (last == target) yield break;
        if (last is null && target != ResponseStatus.EventReceived && target != ResponseStatus.EventExpired)
            yield return ResponseStatus.EventReceived;
        yield return target;
    }

    private static IReadOnlyDictionary<DerControlMode, ControlSource> GoverningSources(
        IReadOnlyList<ScheduledEvent> active, IReadOnlyList<ProgramDefaults> programs)
    {
        var sources = new SortedDictionary<DerControlMode, ControlSource>();
        foreach (var e in active.Order(Precedence.Instance))
        foreach (var mode in e.Modes)
            sources.TryAdd(mode, new EventControlSource(e.Mrid, e.ProgramId));
        foreach (var p in programs.OrderBy(p => p.Primacy).ThenBy(p => p.ProgramId, StringComparer.Ordinal))
        foreach (var mode in p.DefaultModes)
            sources.TryAdd(mode, new DefaultControlSource(p.ProgramId));
        return sources;
    }

    /// <summary>Lower primacy first, then newer creationTime, then mRID so the order is total and repeatable.</summary>
    private sealed class Precedence : IComparer<ScheduledEvent>
    {
        public static readonly Precedence Instance = new();

        public int Compare(ScheduledEvent? x, ScheduledEvent? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return 1;
            if (y is null) return -1;
            var byPrimacy = x.Primacy.CompareTo(y.Primacy);
            if (byPrimacy != 0) return byPrimacy;
            var byCreation = y.CreationTime.CompareTo(x.CreationTime);
            return byCreation != 0 ? byCreation : string.CompareOrdinal(x.Mrid, y.Mrid);
        }
    }
}
