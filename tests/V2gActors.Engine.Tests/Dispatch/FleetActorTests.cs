using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Fleets.Layout;
using V2gActors.Engine.Stations;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Tests.Support;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

/// <summary>
/// The fleet entity against probes standing in for the charger and session regions, with every message and event going
/// through <c>V2gSerializer</c> (serialize-messages on) and the in-memory journal.
/// </summary>
public sealed class FleetActorTests : TestKit
{
    private static readonly FleetSettings Settings = FleetSettings.Default with { SnapshotEvery = 3, AckTimeout = TimeSpan.FromSeconds(5) };

    private readonly TestProbe _chargers;
    private readonly TestProbe _sessions;

    public FleetActorTests() : base(DispatchTestConfig.Config)
    {
        _chargers = CreateTestProbe("chargers");
        _sessions = CreateTestProbe("sessions");
    }

    private IActorRef StartFleet(string fleetId) => Sys.ActorOf(FleetActor.Props(fleetId, Settings, _chargers, _sessions));

    private void Join(IActorRef fleet, params SessionBounds[] members)
    {
        foreach (var m in members)
        {
            fleet.Tell(new JoinFleet(m.FleetId, m));
            ExpectMsg<FleetMemberConfirmed>(c => c.SessionId == m.SessionId);
        }
    }

    /// <summary>Receives one frame per member and answers each as <paramref name="answer"/> says; returns the frames.</summary>
    /// <summary>The next frame the fleet sent, as action and payload, whichever command carried it.</summary>
    private SendChargerCommand ExpectFrame() => _chargers.ExpectMsg<IChargerCommand>() switch
    {
        SendChargerCommand command => command,
        SendSetpointUpdate update => new SendChargerCommand(update.StationId, SendSetpointUpdate.Action, update.PayloadJson(), update.ReplyTo)
        {
            Correlation = update.Correlation,
        },
        var other => throw new InvalidOperationException($"not a setpoint frame: {other.GetType().Name}"),
    };

    /// <summary>Answers a frame as a charger entity does: to its reply-to, with its correlation.</summary>
    private static void Answer(SendChargerCommand frame, ChargerCommandCompleted done) =>
        frame.ReplyTo!.Tell(done with { Correlation = frame.Correlation });

    private List<SendChargerCommand> AnswerFrames(int count, Func<SendChargerCommand, string> answer)
    {
        var frames = new List<SendChargerCommand>();
        for (var i = 0; i < count; i++)
        {
            var frame = ExpectFrame();
            frames.Add(frame);
            Answer(frame, new ChargerCommandCompleted(frame.StationId, frame.Action, CommandOutcome.Completed,
                $$"""{"status":"{{answer(frame)}}"}"""));
        }
        return frames;
    }

    private FleetStateView State(IActorRef fleet, string fleetId)
    {
        fleet.Tell(new GetFleetState(fleetId));
        return ExpectMsg<FleetStateView>();
    }

    [Fact]
    public void A_target_becomes_frames_summing_to_it_then_updates_once_the_profiles_are_installed()
    {
        var fleet = StartFleet("F1");
        Join(fleet, Bounds("A"), Bounds("B", maxDischarge: 3_000), Bounds("C", maxCharge: 7_400));

        fleet.Tell(new DispatchFleetTarget("F1", 20_000, TimeSpan.FromMinutes(15), "test", DispatchSamples.Now));
        var dispatched = ExpectMsg<FleetTargetDispatched>();
        Assert.Equal(("F1-1", 3), (dispatched.DispatchId, dispatched.Frames));
        var frames = AnswerFrames(3, _ => "Accepted");
        Assert.All(frames, f => Assert.Equal("SetChargingProfile", f.Action));
        Assert.Equal(20_000, frames.Sum(f => SetpointOf(f.Action, f.PayloadJson).Setpoint), 0.2);
        var holds = Enumerable.Range(0, 3).Select(_ => _sessions.ExpectMsg<HoldSessionSetpoint>()).ToList();
        Assert.Equal(20_000, holds.Sum(h => h.SetpointW), 0.2);

        AwaitAssert(() =>
        {
            var state = State(fleet, "F1");
            Assert.Equal(20_000, state.HeldW, 0.2);
            var log = Assert.Single(state.RecentDispatches);
            Assert.All(log.Frames, f => Assert.Equal((true, "Accepted"), (f.Accepted, f.Outcome)));
            Assert.Equal(DispatchSamples.Now, log.IngressAt);
            Assert.True(log.ReceivedAt <= log.AllocatedAt && log.Frames.All(f => f.AckedAt >= f.SentAt));
        });

        fleet.Tell(new DispatchFleetTarget("F1", -9_000));
        ExpectMsg<FleetTargetDispatched>(d => d.DispatchId == "F1-2");
        var updates = AnswerFrames(3, _ => "Accepted");
        Assert.All(updates, f => Assert.Equal("UpdateDynamicSchedule", f.Action));
        Assert.Equal(-9_000, updates.Sum(f => SetpointOf(f.Action, f.PayloadJson).Setpoint), 0.2);
        Assert.All(updates, f => Assert.InRange(SetpointOf(f.Action, f.PayloadJson).Setpoint, -11_000, 0));
    }

    [Fact]
    public void What_a_charger_refused_is_reallocated_over_the_others()
    {
        var fleet = StartFleet("F2");
        Join(fleet, Bounds("A", "F2"), Bounds("B", "F2"), Bounds("C", "F2"));

        fleet.Tell(new DispatchFleetTarget("F2", 15_000));
        ExpectMsg<FleetTargetDispatched>();
        AnswerFrames(3, f => f.StationId == "CS-C" ? "Rejected" : "Accepted");

        // Round 2: C keeps what it held (0 W), A and B now carry the whole target with UpdateDynamicSchedule.
        var round2 = AnswerFrames(2, _ => "Accepted");
        Assert.Equal(["CS-A", "CS-B"], round2.Select(f => f.StationId).Order());
        Assert.All(round2, f => Assert.Equal("UpdateDynamicSchedule", f.Action));
        Assert.Equal(15_000, round2.Sum(f => SetpointOf(f.Action, f.PayloadJson).Setpoint), 0.2);

        AwaitAssert(() =>
        {
            var log = Assert.Single(State(fleet, "F2").RecentDispatches);
            Assert.Equal(2, log.Rounds);
            Assert.Equal(5, log.Frames.Length);
            Assert.Equal("Rejected", log.Frames.Single(f => f is { Round: 1, SessionId: "C" }).Outcome);
            Assert.True(log.AllAnswered);
        });
        _chargers.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // no third round
    }

    [Fact]
    public void A_frame_without_an_answer_within_the_ack_timeout_counts_as_refused_and_a_late_answer_is_ignored()
    {
        var fleet = Sys.ActorOf(FleetActor.Props("F10", Settings with { AckTimeout = TimeSpan.FromMilliseconds(300) }, _chargers, _sessions));
        Join(fleet, Bounds("A", "F10"), Bounds("B", "F10"));
        fleet.Tell(new DispatchFleetTarget("F10", 4_000));
        ExpectMsg<FleetTargetDispatched>();
        var first = ExpectFrame();
        var second = ExpectFrame();
        var (answered, silent) = first.StationId == "CS-A" ? (first, second) : (second, first);
        Answer(answered, new ChargerCommandCompleted(answered.StationId, answered.Action, CommandOutcome.Completed, """{"status":"Accepted"}"""));

        // B never answers: after the round's timeout A alone carries the target (round 2).
        var round2 = ExpectFrame();
        Assert.Equal(("CS-A", 4_000.0), (round2.StationId, SetpointOf(round2.Action, round2.PayloadJson).Setpoint));
        Answer(silent, new ChargerCommandCompleted(silent.StationId, silent.Action, CommandOutcome.Completed, """{"status":"Accepted"}"""));
        AwaitAssert(() =>
        {
            var frame = State(fleet, "F10").RecentDispatches.Single().Frames.Single(f => f.StationId == "CS-B");
            Assert.Equal((false, "NoAnswer"), (frame.Accepted, frame.Outcome));
        });
    }

    [Fact]
    public void An_offline_charger_counts_as_refused()
    {
        var fleet = StartFleet("F3");
        Join(fleet, Bounds("A", "F3"), Bounds("B", "F3"));
        fleet.Tell(new DispatchFleetTarget("F3", 4_000));
        ExpectMsg<FleetTargetDispatched>();
        for (var i = 0; i < 2; i++)
        {
            var frame = ExpectFrame();
            Answer(frame, frame.StationId == "CS-A"
                ? new ChargerCommandCompleted(frame.StationId, frame.Action, CommandOutcome.Offline, null, null, "not connected")
                : new ChargerCommandCompleted(frame.StationId, frame.Action, CommandOutcome.Completed, """{"status":"Accepted"}"""));
        }
        var round2 = ExpectFrame();
        Assert.Equal(("CS-B", 4_000.0), (round2.StationId, SetpointOf(round2.Action, round2.PayloadJson).Setpoint));
    }

    [Fact]
    public void Membership_active_target_and_dispatch_log_survive_a_restart()
    {
        var fleet = StartFleet("F4");
        Join(fleet, Bounds("A", "F4"), Bounds("B", "F4"));
        fleet.Tell(new DispatchFleetTarget("F4", 6_000, TimeSpan.FromMinutes(5), "grid:test", DispatchSamples.Now));
        ExpectMsg<FleetTargetDispatched>();
        AnswerFrames(2, _ => "Accepted");
        fleet.Tell(new DispatchFleetTarget("F4", 8_000));
        ExpectMsg<FleetTargetDispatched>();
        AnswerFrames(2, _ => "Accepted");
        FleetStateView before = null!;
        AwaitAssert(() =>
        {
            before = State(fleet, "F4");
            Assert.All(before.RecentDispatches.SelectMany(d => d.Frames), f => Assert.True(f.Accepted));
            // 2 joins, 2 dispatches, 2 answered rounds: the answers of a round are journaled as one record
            Assert.Equal(6, before.SequenceNr);
        });

        Watch(fleet);
        fleet.Tell(StopFleet.Instance);
        ExpectTerminated(fleet);

        var after = State(StartFleet("F4"), "F4");
        Assert.Equal(before.Members.Select(m => (m.Bounds, m.HeldSetpointW, m.ProfileInstalled)),
            after.Members.Select(m => (m.Bounds, m.HeldSetpointW, m.ProfileInstalled)));
        Assert.Equal(before.ActiveTarget, after.ActiveTarget);
        Assert.Equal(8_000, after.TargetW);
        Assert.Equal(before.RecentDispatches.Select(d => d.DispatchId), after.RecentDispatches.Select(d => d.DispatchId));
        Assert.Equal(before.RecentDispatches.SelectMany(d => d.Frames), after.RecentDispatches.SelectMany(d => d.Frames));
        Assert.Equal(before.SequenceNr, after.SequenceNr);
    }

    [Fact]
    public void Meter_values_of_member_evses_add_up_to_the_actual_power()
    {
        var fleet = StartFleet("F5");
        Join(fleet, Bounds("A", "F5"), Bounds("B", "F5"));
        fleet.Tell(new FleetMeterReading("F5", "CS-A", 1, 3_000, DispatchSamples.Now));
        fleet.Tell(new FleetMeterReading("F5", "CS-B", 1, -1_000, DispatchSamples.Now));
        fleet.Tell(new FleetMeterReading("F5", "CS-OTHER", 1, 50_000, DispatchSamples.Now)); // not a member
        AwaitAssert(() => Assert.Equal(2_000, State(fleet, "F5").ActualW));
    }

    [Fact]
    public void Sessions_of_another_fleet_or_with_impossible_bounds_are_refused()
    {
        var fleet = StartFleet("F6");
        fleet.Tell(new JoinFleet("F6", Bounds("A", "OTHER")));
        ExpectMsg<FleetMemberRefused>();
        fleet.Tell(new JoinFleet("F6", Bounds("A", "F6", soc: 140)));
        ExpectMsg<FleetMemberRefused>();
        // (A NaN target cannot even be serialized; the fleet's own finite check guards local senders.)
        Assert.Empty(State(fleet, "F6").Members);
    }

    [Fact]
    public void A_member_at_a_station_outside_the_layout_has_its_station_relay_meter_values_to_the_fleet()
    {
        var stations = CreateTestProbe("stations");
        var fleet = Sys.ActorOf(FleetActor.Props("F8", Settings, _chargers, _sessions, stations: stations));

        Join(fleet, Bounds("A", "F8"));

        var assign = stations.ExpectMsg<AssignStation>();
        Assert.Equal(("CS-A", "F8"), (assign.StationId, assign.FleetId));
        Join(fleet, Bounds("A", "F8")); // a repeated join of the same session assigns nothing again
        stations.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Layout_changes_are_journaled_told_to_the_stations_and_refused_when_the_tree_breaks()
    {
        var stations = CreateTestProbe("stations");
        var fleet = Sys.ActorOf(FleetActor.Props("F7", Settings, _chargers, _sessions, stations: stations));
        var layout = FleetLayout.Empty with
        {
            Revision = 1,
            Nodes = [new LayoutNode("site", null, "site", 20_000, 10_000), new LayoutNode("row", "site", "connection", 12_000, 5_000)],
            Stations = [new StationPlacement("CS-A", "row"), new StationPlacement("CS-B", "site")],
        };
        fleet.Tell(new ApplyFleetLayout("F7", layout));
        ExpectMsg<FleetLayoutUpdated>(u => u.Revision == 1 && u.Stations == 2 && u.Limits == 2);
        Assert.Equal(["CS-A", "CS-B"], new[] { stations.ExpectMsg<AssignStation>(), stations.ExpectMsg<AssignStation>() }
            .Where(a => a.FleetId == "F7").Select(a => a.StationId).Order());

        fleet.Tell(new AssignChargerToFleet("F7", "CS-C", "row"));
        ExpectMsg<FleetLayoutUpdated>(u => u.Stations == 3);
        Assert.Equal(("CS-C", "F7"), stations.ExpectMsg<AssignStation>() is var a ? (a.StationId, a.FleetId) : default);
        fleet.Tell(new RemoveChargerFromFleet("F7", "CS-B"));
        ExpectMsg<FleetLayoutUpdated>(u => u.Stations == 2);
        Assert.Equal(("CS-B", null, "F7"), stations.ExpectMsg<AssignStation>() is var r ? (r.StationId, r.FleetId, r.FromFleetId) : default);
        fleet.Tell(new SetFleetLimit("F7", new LayoutNode("row", "nowhere", "connection", 1, 1)));
        Assert.Contains("unknown limit", ExpectMsg<FleetLayoutRefused>().Reason);
        fleet.Tell(new SetFleetLimit("F7", new LayoutNode("row", "site", "connection", 6_000, 5_000)));
        ExpectMsg<FleetLayoutUpdated>();
        fleet.Tell(new ApplyFleetLayout("F7", layout)); // the same revision again (a node restart): runtime changes stay
        ExpectMsg<FleetLayoutUpdated>(u => u.Stations == 2);

        // The connection limit now binds: A and C share 6 kW however much the fleet asks.
        Join(fleet, Bounds("A", "F7", station: "CS-A"), Bounds("C", "F7", station: "CS-C"));
        fleet.Tell(new DispatchFleetTarget("F7", 18_000));
        Assert.Equal(6_000, ExpectMsg<FleetTargetDispatched>().AllocatedW, 0.5);
        AnswerFrames(2, _ => "Accepted");

        Watch(fleet);
        fleet.Tell(StopFleet.Instance);
        ExpectTerminated(fleet);
        stations.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);
        var restarted = Sys.ActorOf(FleetActor.Props("F7", Settings, _chargers, _sessions, stations: stations));
        var view = State(restarted, "F7");
        Assert.Equal(["CS-A", "CS-C"], view.Layout!.Stations.Select(st => st.StationId));
        Assert.Equal(6_000, view.Layout.Nodes.Single(n => n.Name == "row").MaxImportW);
        Assert.Equal(12_000, view.ShortfallW!.Value, 0.5);
        // After recovery the fleet re-tells its stations (a crash may have cut the last fan-out).
        Assert.Equal(["CS-A", "CS-C"], new[] { stations.ExpectMsg<AssignStation>(), stations.ExpectMsg<AssignStation>() }
            .Select(x => x.StationId).Order());
    }

    [Fact]
    public void A_target_with_a_duration_reverts_to_the_open_ended_target_when_it_ends()
    {
        var fleet = StartFleet("F8");
        Join(fleet, Bounds("A", "F8"), Bounds("B", "F8"));
        fleet.Tell(new DispatchFleetTarget("F8", 4_000));
        ExpectMsg<FleetTargetDispatched>();
        AnswerFrames(2, _ => "Accepted");

        fleet.Tell(new DispatchFleetTarget("F8", -10_000, TimeSpan.FromSeconds(1), "grid:event"));
        ExpectMsg<FleetTargetDispatched>();
        Assert.Equal(-10_000, AnswerFrames(2, _ => "Accepted").Sum(f => SetpointOf(f.Action, f.PayloadJson).Setpoint), 0.2);

        // One second later, without anyone asking: back to 4 kW.
        var reverted = AnswerFrames(2, _ => "Accepted");
        Assert.Equal(4_000, reverted.Sum(f => SetpointOf(f.Action, f.PayloadJson).Setpoint), 0.2);
        AwaitAssert(() =>
        {
            var state = State(fleet, "F8");
            Assert.Equal((4_000.0, "revert:F8-2"), (state.TargetW!.Value, state.ActiveTarget!.Source));
            Assert.Null(state.ActiveTarget.Until);
        });
    }

    [Fact]
    public void A_member_joining_while_a_target_is_held_gets_its_share_without_a_new_target()
    {
        var fleet = StartFleet("F9");
        Join(fleet, Bounds("A", "F9"));
        fleet.Tell(new DispatchFleetTarget("F9", 8_000));
        ExpectMsg<FleetTargetDispatched>();
        Assert.Equal(8_000, SetpointOf("SetChargingProfile", AnswerFrames(1, _ => "Accepted")[0].PayloadJson).Setpoint, 0.2);

        Join(fleet, Bounds("B", "F9"));
        var shared = AnswerFrames(2, _ => "Accepted");
        Assert.Equal(8_000, shared.Sum(f => SetpointOf(f.Action, f.PayloadJson).Setpoint), 0.2);
        Assert.Equal(["CS-A", "CS-B"], shared.Select(f => f.StationId).Order());
    }
}
