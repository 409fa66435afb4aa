using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class GridIngressTests() : TestKit(DispatchTestConfig.Config)
{
    private static readonly FrequencyDroop Droop = new(new Hertz(50), new Hertz(0.02), new Hertz(0.02), 0.05, 0.05, TimeSpan.Zero);

    [Fact]
    public void Grid_controls_and_frequency_steps_fan_out_to_the_affected_fleets_only_when_targets_move()
    {
        var fleets = CreateTestProbe();
        var ingress = Sys.ActorOf(GridIngressActor.Props(new GridIngressSettings(fleets)));
        ingress.Tell(new AssignFleetToGrid("F1", 100_000));
        ingress.Tell(new AssignFleetToGrid("F2", 50_000));

        var before = DateTimeOffset.UtcNow;
        ingress.Tell(new GridControlReceived(["F1"], new FleetTargetControl("t1", ControlWindow.Default(1), new Watts(20_000))));
        var first = fleets.ExpectMsg<DispatchFleetTarget>();
        Assert.Equal(("F1", 20_000.0, "grid:t1"), (first.FleetId, first.TargetW, first.Source));
        Assert.InRange(first.IngressAt!.Value, before, DateTimeOffset.UtcNow);
        Assert.Null(first.Duration);

        ingress.Tell(new GridControlReceived(["F1", "F2"], new FrequencyDroopControl("d1", ControlWindow.Default(1), Droop)));
        // F1 keeps 20 kW (no frequency yet); F2 had no target and now holds its droop base, 0 W.
        Assert.Equal(("F2", 0.0), fleets.ExpectMsg<DispatchFleetTarget>() is var armed ? (armed.FleetId, armed.TargetW) : default);
        fleets.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        ingress.Tell(new FrequencyMeasured(50.2));
        var step = new[] { fleets.ExpectMsg<DispatchFleetTarget>(), fleets.ExpectMsg<DispatchFleetTarget>() }.OrderBy(d => d.FleetId).ToList();
        Assert.Equal(27_200, step[0].TargetW, 1e-6);
        Assert.Equal(3_600, step[1].TargetW, 1e-6);
        Assert.All(step, d => Assert.Equal("frequency", d.Source));

        ingress.Tell(new FrequencyMeasured(50.2));
        ingress.Tell(new FrequencyMeasured(50.21 - 0.01 + 1e-7)); // moves by less than the minimum change
        fleets.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        ingress.Tell(new FrequencyMeasured(50.0));
        var back = new[] { fleets.ExpectMsg<DispatchFleetTarget>(), fleets.ExpectMsg<DispatchFleetTarget>() }.OrderBy(d => d.FleetId).ToList();
        Assert.Equal(20_000, back[0].TargetW, 1e-6);
        Assert.Equal(0, back[1].TargetW, 1e-6);
    }

    [Fact]
    public void A_timed_control_is_applied_when_its_window_opens_and_withdrawn_when_it_closes()
    {
        var fleets = CreateTestProbe();
        var ingress = Sys.ActorOf(GridIngressActor.Props(new GridIngressSettings(fleets)));
        ingress.Tell(new GridControlReceived(["F1"], new FleetTargetControl("base", ControlWindow.Default(5), new Watts(1_000))));
        Assert.Equal(1_000, fleets.ExpectMsg<DispatchFleetTarget>().TargetW);

        // Seconds long: the first timer of a fresh ActorSystem fires up to ~1 s late (measured: 1,003 ms for 500 ms), and a
        // 700 ms window had closed before its opening was evaluated.
        var window = new ControlWindow(DateTimeOffset.UtcNow.AddMilliseconds(500), TimeSpan.FromSeconds(3), 0);
        ingress.Tell(new GridControlReceived(["F1"], new FleetTargetControl("event", window, new Watts(-5_000))));
        fleets.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var opened = fleets.ExpectMsg<DispatchFleetTarget>(TimeSpan.FromSeconds(10));
        Assert.Equal(-5_000, opened.TargetW);
        Assert.NotNull(opened.Duration);
        Assert.Equal(1_000, fleets.ExpectMsg<DispatchFleetTarget>(TimeSpan.FromSeconds(10)).TargetW);
    }
}
