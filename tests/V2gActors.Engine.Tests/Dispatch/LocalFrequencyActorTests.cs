using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;
using V2gActors.Engine.Sessions;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class LocalFrequencyActorTests : TestKit
{
    private static readonly FrequencyDroop Droop = new(new Hertz(50), new Hertz(0.02), new Hertz(0.02), 0.04, 0.04, TimeSpan.Zero);

    private static FleetMemberView Member(int i) => new(
        new SessionBounds($"EV-{i}", "F", $"CS-{i}", 1, 11_000, 10_000, 60, 20, 90, 0, null, $"TX-{i}", DateTimeOffset.UtcNow),
        1_000 * i, 1_000 * i, true, null, null);

    private static FleetStateView Fleet(params FleetMemberView[] members) =>
        new("F", null, null, 0, null, null, [.. members], [], 0);

    /// <summary>Expects the next command and answers its asker with Accepted.</summary>
    private static SendChargerCommand AcceptNext(Akka.TestKit.TestProbe chargers)
    {
        var command = chargers.ExpectMsg<SendChargerCommand>();
        chargers.Reply(new ChargerCommandCompleted(command.StationId, command.Action, CommandOutcome.Completed, """{"status":"Accepted"}"""));
        return command;
    }

    [Fact]
    public void Arming_sends_every_charger_its_curve_and_a_membership_change_refreshes_them()
    {
        var fleets = CreateTestProbe();
        var chargers = CreateTestProbe();
        var actor = Sys.ActorOf(LocalFrequencyActor.Props(fleets, chargers));

        actor.Tell(new ArmLocalFrequency("F", Droop, 22_000));
        fleets.ExpectMsg<GetFleetState>();
        fleets.Reply(Fleet(Member(1), Member(2)));
        var first = new[] { AcceptNext(chargers), AcceptNext(chargers) };
        Assert.Equal(["CS-1", "CS-2"], first.Select(c => c.StationId).Order());
        Assert.All(first, c => Assert.Contains("LocalFrequency", c.PayloadJson));
        AwaitAssert(() =>
        {
            actor.Tell(GetLocalFrequencyState.Instance);
            Assert.Equal(2, ExpectMsg<LocalFrequencyView>().InstalledByFleet["F"]);
        });

        // Nothing moved: a membership notice re-reads the fleet but sends nothing.
        Sys.EventStream.Publish(new FleetMembershipChanged("F"));
        fleets.ExpectMsg<GetFleetState>();
        fleets.Reply(Fleet(Member(1), Member(2)));
        chargers.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // A vehicle arrives: every share changes, so every charger (the new one too) gets a new curve.
        Sys.EventStream.Publish(new FleetMembershipChanged("F"));
        fleets.ExpectMsg<GetFleetState>();
        fleets.Reply(Fleet(Member(1), Member(2), Member(3)));
        var refreshed = new[] { chargers.ExpectMsg<SendChargerCommand>(), chargers.ExpectMsg<SendChargerCommand>(), chargers.ExpectMsg<SendChargerCommand>() };
        Assert.Equal(["CS-1", "CS-2", "CS-3"], refreshed.Select(c => c.StationId).Order());

        // Fleets nobody armed cost nothing.
        Sys.EventStream.Publish(new FleetMembershipChanged("OTHER"));
        fleets.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
