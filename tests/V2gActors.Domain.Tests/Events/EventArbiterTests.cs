using V2gActors.Domain.Events;
using static V2gActors.Domain.Events.DerControlMode;
using static V2gActors.Domain.Events.ResponseStatus;

namespace V2gActors.Domain.Tests.Events;

public class EventArbiterTests
{
    private const long T0 = 1_764_000_000;
    private const string Device = "3E4F45AB31EDFE5B67E343E5E4562E31984E23E5";

    private static ScheduledEvent Event(string mrid, string program, byte primacy, long created, long start, uint duration,
        params DerControlMode[] modes) =>
        new(mrid, program, primacy, created, start, duration, new HashSet<DerControlMode>(modes));

    private static DeviceSchedule Schedule(IEnumerable<ScheduledEvent> events, params ProgramDefaults[] programs) =>
        new(Device, programs, events.ToList());

    private static ArbitrationResult At(DeviceSchedule schedule, long now, EventLedger? ledger = null) =>
        EventArbiter.Evaluate(schedule, ledger ?? EventLedger.Empty, now);

    [Fact]
    public void Lower_primacy_value_wins_across_programs_and_the_loser_is_superseded()
    {
        var dso = Event("A", "dso", primacy: 1, created: T0 - 100, start: T0, duration: 3600, MaxExportPower);
        var retailer = Event("B", "retailer", primacy: 5, created: T0 - 10, start: T0 + 600, duration: 3600, MaxExportPower);

        var result = At(Schedule([dso, retailer]), T0 + 900);

        Assert.Equal(new EventControlSource("A", "dso"), result.ActiveModes[MaxExportPower]);
        Assert.Contains(new EventTransition("B", "retailer", EventSuperseded), result.Transitions);
        Assert.DoesNotContain(result.Transitions, t => t.Mrid == "A" && t.Status == EventSuperseded);
    }

    [Fact]
    public void Newer_event_of_the_same_program_supersedes_an_overlapping_older_one()
    {
        var older = Event("OLD", "dso", 1, created: T0 - 1000, start: T0, duration: 3600, TargetActivePower);
        var newer = Event("NEW", "dso", 1, created: T0 - 10, start: T0 + 1800, duration: 3600, TargetActivePower);

        var before = At(Schedule([older, newer]), T0 + 60);

        Assert.Equal(
            [new("OLD", "dso", EventReceived), new("OLD", "dso", EventSuperseded), new("NEW", "dso", EventReceived)],
            before.Transitions);
        Assert.DoesNotContain(TargetActivePower, before.ActiveModes.Keys);
    }

    [Fact]
    public void Superseding_mid_run_reports_superseded_after_started_and_never_resurrects()
    {
        var older = Event("OLD", "dso", 1, created: T0 - 1000, start: T0, duration: 3600, TargetActivePower);
        var running = At(Schedule([older]), T0 + 60);
        Assert.Equal([new("OLD", "dso", EventReceived), new("OLD", "dso", EventStarted)], running.Transitions);

        var newer = Event("NEW", "dso", 1, created: T0 + 100, start: T0 + 600, duration: 600, TargetActivePower);
        var after = At(Schedule([older, newer]), T0 + 120, running.Ledger);
        Assert.Equal([new("OLD", "dso", EventSuperseded), new("NEW", "dso", EventReceived)], after.Transitions);

        // NEW is cancelled by the server: OLD stays superseded, nothing governs the mode.
        var cancelledNew = newer with { ServerStatus = ServerEventStatus.Cancelled };
        var later = At(Schedule([older, cancelledNew]), T0 + 700, after.Ledger);
        Assert.Equal([new("NEW", "dso", EventCancelled)], later.Transitions);
        Assert.Empty(later.ActiveModes);
    }

    [Fact]
    public void Equal_primacy_across_programs_falls_back_to_creation_time()
    {
        var a = Event("A", "p1", 2, created: T0 - 50, start: T0, duration: 600, MaxExportPower);
        var b = Event("B", "p2", 2, created: T0 - 40, start: T0, duration: 600, MaxExportPower);

        var result = At(Schedule([a, b]), T0 + 1);

        Assert.Equal(new EventControlSource("B", "p2"), result.ActiveModes[MaxExportPower]);
        Assert.Contains(new EventTransition("A", "p1", EventSuperseded), result.Transitions);
    }

    [Fact]
    public void Overlapping_events_on_different_modes_are_both_active()
    {
        var export = Event("EXP", "dso", 1, T0 - 10, T0, 3600, MaxExportPower);
        var voltVar = Event("VV", "dso", 1, T0 - 5, T0 + 300, 3600, VoltVar, TargetReactivePower);

        var result = At(Schedule([export, voltVar]), T0 + 600);

        Assert.Equal(["EXP", "VV"], result.ActiveEventMrids);
        Assert.DoesNotContain(result.Transitions, t => t.Status == EventSuperseded);
        Assert.Equal(new EventControlSource("VV", "dso"), result.ActiveModes[VoltVar]);
    }

    [Fact]
    public void Back_to_back_events_do_not_overlap_and_hand_over_cleanly()
    {
        var first = Event("1", "dso", 1, T0 - 10, T0, 600, TargetActivePower);
        var second = Event("2", "dso", 1, T0 - 5, T0 + 600, 600, TargetActivePower);
        var schedule = Schedule([first, second]);

        var during = At(schedule, T0 + 10);
        var handover = At(schedule, T0 + 600, during.Ledger);

        Assert.Equal(new EventControlSource("1", "dso"), during.ActiveModes[TargetActivePower]);
        Assert.Equal([new("1", "dso", EventCompleted), new("2", "dso", EventStarted)], handover.Transitions);
        Assert.Equal(new EventControlSource("2", "dso"), handover.ActiveModes[TargetActivePower]);
    }

    [Fact]
    public void Lifecycle_reports_each_status_once_and_in_order()
    {
        var e = Event("E", "dso", 1, T0 - 100, T0 + 60, 120, MaxExportPower);
        var schedule = Schedule([e]);
        var ledger = EventLedger.Empty;
        var seen = new List<ResponseStatus>();
        for (var t = T0; t <= T0 + 300; t += 30)
        {
            var r = At(schedule, t, ledger);
            seen.AddRange(r.Transitions.Select(x => x.Status));
            ledger = r.Ledger;
        }

        Assert.Equal([EventReceived, EventStarted, EventCompleted], seen);
    }

    [Fact]
    public void Event_first_seen_after_its_end_is_reported_expired()
    {
        var e = Event("LATE", "dso", 1, T0 - 1000, T0 - 900, 60, MaxExportPower);

        Assert.Equal([new("LATE", "dso", EventExpired)], At(Schedule([e]), T0).Transitions);
    }

    [Fact]
    public void Default_control_applies_when_no_event_is_active_and_per_uncovered_mode()
    {
        var programs = new[]
        {
            new ProgramDefaults("dso", 1, new HashSet<DerControlMode> { MaxExportPower, Connect }),
            new ProgramDefaults("retailer", 3, new HashSet<DerControlMode> { MaxExportPower, MaxImportPower }),
        };
        var e = Event("E", "retailer", 3, T0 - 10, T0 + 600, 600, MaxExportPower);

        var idle = At(Schedule([e], programs), T0);
        var running = At(Schedule([e], programs), T0 + 601);

        Assert.True(idle.IsDefaultOnly);
        Assert.Equal(new DefaultControlSource("dso"), idle.ActiveModes[MaxExportPower]);
        Assert.Equal(new DefaultControlSource("retailer"), idle.ActiveModes[MaxImportPower]);
        Assert.Equal(new EventControlSource("E", "retailer"), running.ActiveModes[MaxExportPower]);
        Assert.Equal(new DefaultControlSource("dso"), running.ActiveModes[Connect]);
    }

    [Fact]
    public void Randomisation_is_deterministic_per_device_within_bounds_and_differs_across_devices()
    {
        var e = Event("R", "dso", 1, T0 - 10, T0, 600, MaxExportPower) with { RandomizeStart = 300, RandomizeDuration = -120 };

        var a1 = EventRandomization.Apply(e, "device-a", seed: 42);
        var a2 = EventRandomization.Apply(e, "device-a", seed: 42);
        var starts = Enumerable.Range(0, 50).Select(i => EventRandomization.Apply(e, $"device-{i}", 42)).ToList();

        Assert.Equal(a1, a2);
        Assert.All(starts, i => Assert.InRange(i.Start, T0, T0 + 300));
        Assert.All(starts, i => Assert.InRange(i.End - i.Start, 480, 600));
        Assert.True(starts.Select(i => i.Start).Distinct().Count() > 10, "start offsets should spread across devices");
    }

    [Fact]
    public void Randomised_start_delays_the_event_for_this_device()
    {
        var e = Event("R", "dso", 1, T0 - 10, T0, 600, MaxExportPower) with { RandomizeStart = 300 };
        var interval = EventRandomization.Apply(e, Device, seed: 0);
        var schedule = Schedule([e]);

        Assert.Equal([new("R", "dso", EventReceived)], At(schedule, interval.Start - 1).Transitions);
        Assert.Contains(new EventTransition("R", "dso", EventStarted), At(schedule, interval.Start).Transitions);
    }

    [Fact]
    public void Cancelled_event_supersedes_nothing_and_reports_cancelled_once()
    {
        var cancelled = Event("C", "dso", 1, T0, T0, 600, MaxExportPower) with { ServerStatus = ServerEventStatus.Cancelled };
        var other = Event("O", "dso", 1, T0 - 100, T0, 600, MaxExportPower);
        var schedule = Schedule([cancelled, other]);

        var first = At(schedule, T0 + 1);
        var second = At(schedule, T0 + 2, first.Ledger);

        Assert.Equal(new EventControlSource("O", "dso"), first.ActiveModes[MaxExportPower]);
        Assert.Contains(new EventTransition("C", "dso", EventCancelled), first.Transitions);
        Assert.DoesNotContain(second.Transitions, t => t.Mrid == "C");
    }

    [Fact]
    public void Event_the_server_marked_superseded_is_reported_superseded()
    {
        var e = Event("S", "dso", 1, T0, T0 + 60, 600, MaxExportPower) with { ServerStatus = ServerEventStatus.Superseded };

        var result = At(Schedule([e]), T0);

        Assert.Equal([new("S", "dso", EventReceived), new("S", "dso", EventSuperseded)], result.Transitions);
        Assert.Empty(result.ActiveModes);
    }

    [Fact]
    public void Server_clock_offset_comes_from_the_time_resource()
    {
        var local = DateTimeOffset.FromUnixTimeSeconds(T0);
        var clock = ServerClock.FromServerTime(T0 + 42, local);

        Assert.Equal(T0 + 42 + 10, clock.ServerNow(local.AddSeconds(10)));
    }
}
