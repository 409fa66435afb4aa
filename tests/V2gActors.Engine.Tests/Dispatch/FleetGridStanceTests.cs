using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Grid;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class FleetGridStanceTests
{
    // 50 Hz, ±20 mHz deadband, 5 % droop: 0.18 Hz past the deadband = 0.18/50/0.05 = 7.2 % of reference power.
    private static readonly FrequencyDroop Droop = new(new Hertz(50), new Hertz(0.02), new Hertz(0.02), 0.05, 0.05, TimeSpan.Zero);

    private static FleetGridStance Stance() => FleetGridStance.For("F1", referencePowerW: 100_000)
        .With(new FleetTargetControl("t", ControlWindow.Default(1), new Watts(20_000)))
        .With(new FrequencyDroopControl("d", ControlWindow.Default(1), Droop));

    [Theory]
    [InlineData(null, 20_000)]
    [InlineData(50.01, 20_000)]   // inside the deadband
    [InlineData(50.2, 27_200)]    // over-frequency: import more
    [InlineData(49.8, 12_800)]    // under-frequency: import less
    public void Target_is_the_base_plus_the_droop_change(double? hz, double expected) =>
        Assert.Equal(expected, Stance().TargetAt(Now, hz)!.Value, 1e-6);

    [Fact]
    public void Limits_clamp_the_target_and_lower_priority_numbers_win()
    {
        var stance = Stance()
            .With(new PowerLimitControl("cap", ControlWindow.Default(1), new PowerLimits(new Watts(15_000), null, new Watts(5_000))))
            .With(new FleetTargetControl("urgent", new ControlWindow(Now.AddMinutes(-1), TimeSpan.FromMinutes(10), 0), new Watts(-30_000)));
        Assert.Equal(-5_000, stance.TargetAt(Now, null));
        Assert.Equal(15_000, stance.TargetAt(Now.AddMinutes(20), 50.0)); // the urgent window closed: base 20 kW, capped
        Assert.Equal(TimeSpan.FromMinutes(9), stance.RemainingAt(Now));
        Assert.Equal(Now.AddMinutes(9), stance.NextChangeAfter(Now));
    }

    [Fact]
    public void Controls_are_replaced_by_id_and_dropped_when_their_window_ends()
    {
        var window = new ControlWindow(Now, TimeSpan.FromMinutes(5), 1);
        var stance = FleetGridStance.For("F1")
            .With(new FleetTargetControl("t", window, new Watts(1_000)))
            .With(new FleetTargetControl("t", window, new Watts(2_000)));
        Assert.Single(stance.Controls);
        Assert.Equal(2_000, stance.TargetAt(Now, null));
        Assert.Null(stance.TargetAt(Now.AddMinutes(-1), null)); // not yet open
        Assert.Empty(stance.Expire(Now.AddMinutes(5)).Controls);
    }

    [Fact]
    public void Droop_alone_moves_the_fleet_from_zero_only_outside_the_deadband()
    {
        var stance = FleetGridStance.For("F1", 100_000).With(new FrequencyDroopControl("d", ControlWindow.Default(1), Droop));
        Assert.Equal(0, stance.TargetAt(Now, 50.0));
        Assert.Null(FleetGridStance.For("F2").TargetAt(Now, 49.0));
        Assert.Equal(-7_200, stance.TargetAt(Now, 49.8)!.Value, 1e-6);
    }
}
