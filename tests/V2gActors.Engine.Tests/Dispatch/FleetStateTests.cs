using System.Collections.Immutable;
using V2gActors.Engine.Fleets;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class FleetStateTests
{
    private static DispatchRecord Dispatch(string id, params (string Session, double W)[] frames) => new(
        id, frames.Sum(f => f.W), null, "test", Now, Now, Now, frames.Sum(f => f.W),
        [.. frames.Select(f => new SetpointFrameRecord(f.Session, $"CS-{f.Session}", 1, "SetChargingProfile", f.W, 1, Now))], 1);

    private static FleetFrameAcknowledged Ack(string dispatchId, string session, double w, bool accepted) =>
        new(dispatchId, 1, session, "SetChargingProfile", w, accepted, accepted ? "Accepted" : "Rejected", null, Now.AddMilliseconds(5));

    [Fact]
    public void Every_event_applies_idempotently_so_a_snapshot_may_run_ahead_of_its_replay()
    {
        IFleetEvent[] events =
        [
            new FleetMemberJoined(Bounds("A"), Now),
            new FleetMemberJoined(Bounds("B"), Now),
            new FleetDispatchStarted(Dispatch("F1-1", ("A", 3_000), ("B", 4_000))),
            Ack("F1-1", "A", 3_000, accepted: true),
            Ack("F1-1", "B", 4_000, accepted: false),
            new FleetDispatchReallocated("F1-1", 2, Now, 7_000,
                [new SetpointFrameRecord("A", "CS-A", 1, "UpdateDynamicSchedule", 7_000, 2, Now)]),
        ];
        var once = events.Aggregate(FleetState.Empty, (s, e) => s.Apply(e));
        var twice = events.Concat(events).Aggregate(FleetState.Empty, (s, e) => s.Apply(e));

        Assert.Equal(once.DispatchCount, twice.DispatchCount);
        Assert.Equal(once.Dispatches.Single().Frames.ToArray(), twice.Dispatches.Single().Frames.ToArray());
        Assert.Equal(once.Members.OrderBy(m => m.Key).ToArray(), twice.Members.OrderBy(m => m.Key).ToArray());
        Assert.Equal(3, once.Dispatches.Single().Frames.Length);
        Assert.Equal(2, once.Dispatches.Single().Rounds);
    }

    [Fact]
    public void Acks_move_the_held_setpoint_and_track_whether_the_profile_is_installed()
    {
        var state = FleetState.Empty
            .Apply(new FleetMemberJoined(Bounds("A"), Now))
            .Apply(new FleetMemberJoined(Bounds("B"), Now))
            .Apply(new FleetDispatchStarted(Dispatch("F1-1", ("A", 3_000), ("B", 4_000))));
        Assert.Equal((0, 3_000, false), (state.Members["A"].HeldSetpointW, state.Members["A"].CommandedSetpointW, state.Members["A"].ProfileInstalled));
        Assert.Equal("F1-1", state.ActiveTarget!.DispatchId);

        state = state.Apply(Ack("F1-1", "A", 3_000, true)).Apply(Ack("F1-1", "B", 4_000, false));
        Assert.Equal((3_000, true), (state.Members["A"].HeldSetpointW, state.Members["A"].ProfileInstalled));
        Assert.Equal((0, false), (state.Members["B"].HeldSetpointW, state.Members["B"].ProfileInstalled));
        var frames = state.Dispatches.Single().Frames;
        Assert.True(state.Dispatches.Single().AllAnswered);
        Assert.Equal([true, false], frames.Select(f => f.Accepted!.Value));
    }

    [Fact]
    public void A_batch_of_answers_folds_in_like_the_same_answers_one_by_one()
    {
        var started = FleetState.Empty
            .Apply(new FleetMemberJoined(Bounds("A"), Now))
            .Apply(new FleetMemberJoined(Bounds("B"), Now))
            .Apply(new FleetDispatchStarted(Dispatch("F1-1", ("A", 3_000), ("B", 4_000))));
        FleetFrameAcknowledged[] answers = [Ack("F1-1", "A", 3_000, true), Ack("F1-1", "B", 4_000, false), Ack("F1-1", "A", 3_000, false)];

        var oneByOne = answers.Aggregate(started, (s, a) => s.Apply(a));
        var batched = started.Apply(new FleetFramesAcknowledged([.. answers]));

        Assert.Equal(oneByOne.Dispatches.Single().Frames.ToArray(), batched.Dispatches.Single().Frames.ToArray());
        // The first answer of a frame is the one the dispatch log keeps.
        Assert.Equal([true, false], batched.Dispatches.Single().Frames.Select(f => f.Accepted!.Value));
        Assert.Equal(oneByOne.Members.OrderBy(m => m.Key).ToArray(), batched.Members.OrderBy(m => m.Key).ToArray());
        Assert.Equal(batched.Dispatches.Single().Frames.ToArray(),
            batched.Apply(new FleetFramesAcknowledged([.. answers])).Dispatches.Single().Frames.ToArray());
    }

    [Fact]
    public void The_log_of_a_large_fleet_stops_at_a_frame_budget_but_keeps_the_latest_dispatch()
    {
        var frames = Enumerable.Range(0, FleetState.FramesKept / 4).Select(i => ($"S{i}", 100.0)).ToArray();
        var state = FleetState.Empty;
        for (var i = 1; i <= 10; i++) state = state.Apply(new FleetDispatchStarted(Dispatch($"F1-{i}", frames)));
        Assert.Equal(["F1-7", "F1-8", "F1-9", "F1-10"], state.Dispatches.Select(d => d.DispatchId));

        var huge = Enumerable.Range(0, FleetState.FramesKept + 1).Select(i => ($"S{i}", 1.0)).ToArray();
        state = state.Apply(new FleetDispatchStarted(Dispatch("F1-11", huge)));
        Assert.Equal("F1-11", Assert.Single(state.Dispatches).DispatchId);
        Assert.Equal(11, state.DispatchCount);
    }

    [Fact]
    public void A_member_that_leaves_is_gone_and_the_log_keeps_the_last_dispatches_only()
    {
        var state = FleetState.Empty.Apply(new FleetMemberJoined(Bounds("A"), Now)).Apply(new FleetMemberLeft("A", Now));
        Assert.Empty(state.Members);
        for (var i = 1; i <= FleetState.DispatchesKept + 5; i++) state = state.Apply(new FleetDispatchStarted(Dispatch($"F1-{i}")));
        Assert.Equal(FleetState.DispatchesKept, state.Dispatches.Count);
        Assert.Equal(FleetState.DispatchesKept + 5, state.DispatchCount);
        Assert.Equal("F1-6", state.Dispatches[0].DispatchId);
    }
}
