using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.Der;

namespace V2gActors.Engine.Tests.Chargers.Der;

public sealed class DerStateTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static DerState Fold(params IDerEvent[] events) => events.Aggregate(DerState.Empty, (s, e) => s.Apply(e));

    [Fact]
    public void Accepted_controls_are_tracked_per_type_and_superseded_ones_leave_the_active_set()
    {
        var state = Fold(
            new DerControlSet(T, "vv-1", "VoltVar", false, "{}", []),
            new DerControlSet(T, "fw-1", "FreqWatt", false, "{}", []),
            new DerControlSet(T, "vv-2", "VoltVar", false, "{}", ["vv-1"]));

        var active = state.ActiveByType();
        Assert.Equal(["FreqWatt", "VoltVar"], active.Keys);
        Assert.Equal(["vv-2"], active["VoltVar"].Select(c => c.ControlId));
        Assert.True(state.Controls["vv-1"].IsSuperseded);
    }

    [Fact]
    public void Clearing_removes_only_matching_controls_of_the_same_kind()
    {
        var state = Fold(
            new DerControlSet(T, "vv-d", "VoltVar", true, "{}", []),
            new DerControlSet(T, "vv-1", "VoltVar", false, "{}", []),
            new DerControlSet(T, "fw-1", "FreqWatt", false, "{}", []),
            new DerControlsCleared(T, false, "VoltVar", null));

        Assert.Equal(["fw-1", "vv-d"], state.Controls.Keys.Order());
    }

    [Fact]
    public void Alarms_open_and_close_and_start_stop_marks_the_control()
    {
        var state = Fold(
            new DerControlSet(T, "vv-1", "VoltVar", false, "{}", []),
            new DerAlarmNotified("VoltVar", "OverVoltage", false, T, null),
            new DerStartStopNotified("vv-1", true, T, []));
        Assert.Single(state.OpenAlarms);
        Assert.True(state.Controls["vv-1"].Started);

        state = state.Apply(new DerAlarmNotified("VoltVar", "OverVoltage", true, T.AddMinutes(1), null));
        Assert.Empty(state.OpenAlarms);
        Assert.Equal(2, state.RecentAlarms.Count);
    }

    [Fact]
    public void Report_parts_of_one_request_accumulate_and_a_new_request_starts_over()
    {
        var c = new ReportedDerControl("vv-1", "VoltVar", false, false);
        var state = Fold(new DerControlsReported(1, [c], true), new DerControlsReported(1, [c with { ControlId = "vv-2" }], false));
        Assert.Equal(2, state.Reported.Length);
        Assert.Single(state.Apply(new DerControlsReported(2, [c], false)).Reported);
    }

    [Fact]
    public void The_charger_state_folds_der_events_into_its_der_part()
    {
        var state = ChargerState.Empty.Apply(new PriorityChargingNotified("tx-1", true, T));
        Assert.True(state.Der.PriorityCharging["tx-1"]);
        Assert.Empty(state.Apply(new PriorityChargingNotified("tx-1", false, T)).Der.PriorityCharging);
    }
}
