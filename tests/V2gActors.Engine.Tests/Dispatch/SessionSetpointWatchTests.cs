using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Sessions;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

/// <summary>The push seam between a vehicle-session entity and the SECC sessions watching it.</summary>
public sealed class SessionSetpointWatchTests() : TestKit(DispatchTestConfig.Config)
{
    [Fact]
    public void A_watcher_gets_the_held_setpoint_at_once_and_every_new_one_until_it_unwatches()
    {
        var fleets = CreateTestProbe();
        var session = Sys.ActorOf(VehicleSessionActor.Props("W-1", fleets));
        var secc = CreateTestProbe();

        session.Tell(new WatchSessionSetpoint("W-1"), secc);
        var first = secc.ExpectMsg<SessionSetpointChanged>();
        Assert.Equal(("W-1", (string?)null, 0.0), (first.SessionId, first.DispatchId, first.SetpointW));

        session.Tell(new HoldSessionSetpoint("W-1", "F1-3", -4_000, DispatchSamples.Now));
        Assert.Equal(-4_000, secc.ExpectMsg<SessionSetpointChanged>(c => c.DispatchId == "F1-3").SetpointW);

        // Watching again (the periodic refresh) does not duplicate pushes.
        session.Tell(new WatchSessionSetpoint("W-1"), secc);
        Assert.Equal("F1-3", secc.ExpectMsg<SessionSetpointChanged>().DispatchId);
        session.Tell(new HoldSessionSetpoint("W-1", "F1-4", 2_500, DispatchSamples.Now));
        Assert.Equal(2_500, secc.ExpectMsg<SessionSetpointChanged>().SetpointW);
        secc.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        session.Tell(new UnwatchSessionSetpoint("W-1"), secc);
        session.Tell(new HoldSessionSetpoint("W-1", "F1-5", 1_000, DispatchSamples.Now));
        secc.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_stopped_watcher_is_dropped_and_a_restarted_session_pushes_its_recovered_setpoint()
    {
        var fleets = CreateTestProbe();
        var session = Sys.ActorOf(VehicleSessionActor.Props("W-2", fleets));
        var gone = CreateTestProbe();
        session.Tell(new WatchSessionSetpoint("W-2"), gone);
        gone.ExpectMsg<SessionSetpointChanged>();
        Watch(gone);
        Sys.Stop(gone);
        ExpectTerminated(gone);
        session.Tell(new HoldSessionSetpoint("W-2", "F1-1", 3_000, DispatchSamples.Now));

        Watch(session);
        AwaitAssert(() =>
        {
            session.Tell(new GetVehicleSessionState("W-2"));
            Assert.Equal(3_000, ExpectMsg<VehicleSessionView>().HeldSetpointW);
        });
        session.Tell(StopVehicleSession.Instance);
        ExpectTerminated(session);

        var restarted = Sys.ActorOf(VehicleSessionActor.Props("W-2", fleets));
        var secc = CreateTestProbe();
        restarted.Tell(new WatchSessionSetpoint("W-2"), secc);
        Assert.Equal((3_000.0, "F1-1"), secc.ExpectMsg<SessionSetpointChanged>() is var c ? (c.SetpointW, c.DispatchId) : default);
    }

    [Fact]
    public void Ending_the_session_makes_it_leave_its_fleet()
    {
        var fleets = CreateTestProbe();
        var session = Sys.ActorOf(VehicleSessionActor.Props("W-3", fleets));
        session.Tell(new RegisterVehicleSession(Bounds("W-3")));
        ExpectMsg<VehicleSessionRegistered>();
        fleets.ExpectMsg<JoinFleet>();

        session.Tell(new EndVehicleSession("W-3", "SessionStop"));
        Assert.Equal(new LeaveFleet("F1", "W-3"), fleets.ExpectMsg<LeaveFleet>());
    }
}
