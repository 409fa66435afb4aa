using V2gActors.Domain.Allocation;
using static V2gActors.Domain.Tests.Allocation.TestFleet;

namespace V2gActors.Domain.Tests.Allocation;

public class SessionEnvelopeTests
{
    private static SessionEnvelope Of(Domain.Allocation.VehicleSession s) => SessionEnvelope.Of(s, Now, DispatchPolicy.Default);

    [Fact]
    public void Hard_bounds_follow_power_ratings_and_the_soc_band()
    {
        var e = Of(Flexible("a", 11_000, maxDischargeW: 7_000));
        Assert.Equal((-7_000.0, 11_000.0), (e.HardLow, e.HardHigh));
        Assert.Equal((e.HardLow, e.HardHigh), (e.SoftLow, e.SoftHigh));

        var full = Of(Flexible("b", 11_000, maxDischargeW: 7_000, soc: 95, targetSoc: 90));
        Assert.Equal(0, full.HardHigh);
        Assert.Equal(SetpointReason.TargetSocReached, full.HighReason);

        var empty = Of(Flexible("c", 11_000, maxDischargeW: 7_000, soc: 10, reserve: 20));
        Assert.Equal(0, empty.HardLow);
        Assert.Equal(SetpointReason.ReserveProtected, empty.LowReason);
    }

    [Fact]
    public void The_ramp_window_narrows_the_soft_bounds()
    {
        var e = Of(Flexible("a", 11_000, maxDischargeW: 7_000, previousW: 2_000, rampWPerS: 250));
        Assert.Equal((1_000.0, 3_000.0), (e.SoftLow, e.SoftHigh));
        Assert.Equal(SetpointReason.RampLimited, e.LowReason);
    }

    [Fact]
    public void When_the_ramp_window_misses_the_hard_range_physics_wins()
    {
        // It was charging at 10 kW and just reached its target SoC: it must stop now, whatever the ramp says.
        var e = Of(Flexible("a", 11_000, soc: 90, targetSoc: 90, previousW: 10_000, rampWPerS: 250));
        Assert.Equal((0.0, 0.0), (e.SoftLow, e.SoftHigh));
        Assert.Equal(SetpointReason.TargetSocReached, e.HighReason);
    }

    [Fact]
    public void Stale_telemetry_freezes_the_previous_setpoint()
    {
        var e = Of(Flexible("a", 11_000, previousW: 4_200).Stale());
        Assert.True(e.Frozen);
        Assert.Equal((4_200.0, 4_200.0), (e.SoftLow, e.SoftHigh));
    }

    [Fact]
    public void Urgent_vehicles_weigh_more_when_charging_and_less_when_discharging()
    {
        var relaxed = Of(Flexible("a", 11_000, maxDischargeW: 11_000));
        var urgent = Of(Flexible("b", 11_000, maxDischargeW: 11_000).Needing(44, TimeSpan.FromHours(5)));
        Assert.True(urgent.ChargeWeight > relaxed.ChargeWeight);
        Assert.True(urgent.DischargeWeight < relaxed.DischargeWeight);
        Assert.True(urgent.DischargeWeight > 0);
    }
}
