using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Sessions;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class VehicleSessionActorTests() : TestKit(DispatchTestConfig.Config)
{
    [Fact]
    public void Registers_with_its_fleet_holds_setpoints_and_recovers_both()
    {
        var fleets = CreateTestProbe();
        var session = Sys.ActorOf(VehicleSessionActor.Props("S-1", fleets));
        var bounds = Bounds("S-1");

        session.Tell(new RegisterVehicleSession(bounds));
        ExpectMsg<VehicleSessionRegistered>(r => r.FleetId == "F1");
        Assert.Equal(bounds, fleets.ExpectMsg<JoinFleet>(j => j.FleetId == "F1").Member);
        fleets.Reply(new FleetMemberConfirmed("F1", "S-1", 1));

        session.Tell(new HoldSessionSetpoint("S-1", "F1-7", -3_500, DispatchSamples.Now));
        AwaitAssert(() =>
        {
            session.Tell(new GetVehicleSessionState("S-1"));
            Assert.Equal(-3_500, ExpectMsg<VehicleSessionView>().HeldSetpointW);
        });

        Watch(session);
        session.Tell(StopVehicleSession.Instance);
        ExpectTerminated(session);

        var restarted = Sys.ActorOf(VehicleSessionActor.Props("S-1", fleets));
        restarted.Tell(new GetVehicleSessionState("S-1"));
        var view = ExpectMsg<VehicleSessionView>();
        Assert.Equal((bounds, -3_500.0, "F1-7", 2L), (view.Bounds, view.HeldSetpointW, view.HeldDispatchId, view.SequenceNr));
    }

    [Fact]
    public void The_first_setpoint_is_journaled_at_once_later_ones_only_as_the_latest_and_a_stop_writes_it()
    {
        var fleets = CreateTestProbe();
        var session = Sys.ActorOf(VehicleSessionActor.Props("S-3", fleets));
        session.Tell(new RegisterVehicleSession(Bounds("S-3")));
        ExpectMsg<VehicleSessionRegistered>();
        fleets.ExpectMsg<JoinFleet>();

        for (var i = 1; i <= 20; i++) session.Tell(new HoldSessionSetpoint("S-3", $"F1-{i}", i * 100, DispatchSamples.Now));
        session.Tell(new GetVehicleSessionState("S-3"));
        var view = ExpectMsg<VehicleSessionView>();
        Assert.Equal((2_000.0, "F1-20"), (view.HeldSetpointW!.Value, view.HeldDispatchId)); // in effect at once
        // In the journal: the registration and the first setpoint only; the rest are written behind.
        AwaitAssert(() =>
        {
            session.Tell(new GetVehicleSessionState("S-3"));
            Assert.Equal(2, ExpectMsg<VehicleSessionView>().SequenceNr);
        });
        session.Tell(new GetVehicleSessionState("S-3"));
        Assert.Equal(2, ExpectMsg<VehicleSessionView>(TimeSpan.FromSeconds(1)).SequenceNr);

        Watch(session);
        session.Tell(StopVehicleSession.Instance);
        ExpectTerminated(session);
        var restarted = Sys.ActorOf(VehicleSessionActor.Props("S-3", fleets));
        restarted.Tell(new GetVehicleSessionState("S-3"));
        view = ExpectMsg<VehicleSessionView>();
        Assert.Equal((2_000.0, "F1-20", 3L), (view.HeldSetpointW!.Value, view.HeldDispatchId, view.SequenceNr));
    }

    [Fact]
    public void Refreshed_bounds_reach_the_fleet_but_a_session_cannot_move_to_another_evse_or_fleet()
    {
        var fleets = CreateTestProbe();
        var session = Sys.ActorOf(VehicleSessionActor.Props("S-2", fleets));
        session.Tell(new RegisterVehicleSession(Bounds("S-2")));
        ExpectMsg<VehicleSessionRegistered>();
        fleets.ExpectMsg<JoinFleet>();

        session.Tell(new RegisterVehicleSession(Bounds("S-2", soc: 75)));
        ExpectMsg<VehicleSessionRegistered>();
        Assert.Equal(75, fleets.ExpectMsg<JoinFleet>().Member.SocPercent);

        session.Tell(new RegisterVehicleSession(Bounds("S-2", fleetId: "F9")));
        ExpectMsg<VehicleSessionRejected>();
        session.Tell(new RegisterVehicleSession(Bounds("S-2", maxCharge: -1)));
        ExpectMsg<VehicleSessionRejected>();
        fleets.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}

public sealed class VehicleSessionLifecycleTests() : TestKit(DispatchTestConfig.Config)
{
    [Fact]
    public void Ending_leaves_the_fleet_refuses_new_needs_and_survives_a_restart_from_its_snapshot()
    {
        var fleets = CreateTestProbe();
        var session = Sys.ActorOf(VehicleSessionActor.Props("S-9", fleets, snapshotEvery: 2));
        session.Tell(new RegisterVehicleSession(Bounds("S-9")));
        ExpectMsg<VehicleSessionRegistered>();
        fleets.ExpectMsg<JoinFleet>();
        session.Tell(new RecordEvChargingSchedule("S-9", DispatchSamples.Now, """{"id":1}"""));
        ExpectMsg<EvChargingScheduleRecorded>(r => r.SequenceNr == 2);

        session.Tell(new EndVehicleSession("S-9", "EVDisconnected"));
        Assert.Equal(("F1", "S-9"), fleets.ExpectMsg<LeaveFleet>() is var l ? (l.FleetId, l.SessionId) : default);
        session.Tell(new EndVehicleSession("S-9", "again"));
        fleets.ExpectNoMsg(TimeSpan.FromMilliseconds(200));  // idempotent
        session.Tell(new RegisterVehicleSession(Bounds("S-9")));
        Assert.Contains("ended", ExpectMsg<VehicleSessionRejected>().Reason);

        Watch(session);
        session.Tell(StopVehicleSession.Instance);
        ExpectTerminated(session);
        var restarted = Sys.ActorOf(VehicleSessionActor.Props("S-9", fleets, snapshotEvery: 2));
        restarted.Tell(new GetVehicleSessionState("S-9"));
        var view = ExpectMsg<VehicleSessionView>();
        Assert.Equal(("EVDisconnected", DispatchSamples.Now, 3L), (view.EndReason, view.EvScheduleTimeBase!.Value, view.SequenceNr));
        Assert.NotNull(view.EndedAt);
    }
}
