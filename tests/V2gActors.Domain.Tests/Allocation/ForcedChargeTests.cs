using V2gActors.Domain.Allocation;
using V2gActors.Domain.Units;
using static V2gActors.Domain.Tests.Allocation.TestFleet;

namespace V2gActors.Domain.Tests.Allocation;

public class ForcedChargeTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static EnergyNeed Need(double kWh, TimeSpan departsIn) => new(WattHours.FromKilowattHours(kWh), Now + departsIn);

    [Fact]
    public void No_departure_means_no_floor() =>
        Assert.Null(ForcedCharge.PowerFloor(EnergyNeed.None, Now, new Watts(11_000), Minute));

    [Fact]
    public void Plenty_of_slack_leaves_the_vehicle_free_to_discharge()
    {
        var floor = ForcedCharge.PowerFloor(Need(10, TimeSpan.FromHours(8)), Now, new Watts(11_000), Minute)!.Value;
        Assert.True(floor.Value < -11_000);
    }

    [Fact]
    public void The_floor_is_the_latest_start_power()
    {
        // 11 kW for the remaining 59 minutes delivers 10.8167 kWh; 11 kWh needs 11 kW now.
        var floor = ForcedCharge.PowerFloor(Need(11, TimeSpan.FromHours(1)), Now, new Watts(11_000), Minute)!.Value;
        Assert.Equal(11_000, floor.Value, 6);

        // 10.9 kWh leaves 83.3 Wh for this minute: 5 kW.
        floor = ForcedCharge.PowerFloor(Need(10.9, TimeSpan.FromHours(1)), Now, new Watts(11_000), Minute)!.Value;
        Assert.Equal(5_000, floor.Value, 6);
    }

    [Fact]
    public void In_the_last_interval_the_vehicle_must_take_what_remains()
    {
        var floor = ForcedCharge.PowerFloor(Need(0.1, TimeSpan.FromSeconds(30)), Now, new Watts(22_000), Minute)!.Value;
        Assert.Equal(12_000, floor.Value, 6);
        var met = ForcedCharge.PowerFloor(Need(0, TimeSpan.FromSeconds(30)), Now, new Watts(22_000), Minute)!.Value;
        Assert.Equal(0, met.Value, 6); // met, but no time to recharge: no discharging either
    }

    [Fact]
    public void An_impossible_need_asks_for_full_power_and_an_overdue_one_too()
    {
        Assert.Equal(11_000, ForcedCharge.PowerFloor(Need(50, TimeSpan.FromHours(1)), Now, new Watts(11_000), Minute)!.Value.Value);
        Assert.Equal(11_000, ForcedCharge.PowerFloor(Need(5, -Minute), Now, new Watts(11_000), Minute)!.Value.Value);
        Assert.Null(ForcedCharge.PowerFloor(Need(0, -Minute), Now, new Watts(11_000), Minute));
    }

    [Fact]
    public void Urgency_is_required_over_available_average_power()
    {
        Assert.Equal(0.5, ForcedCharge.Urgency(Need(11, TimeSpan.FromHours(2)), Now, new Watts(11_000)), 9);
        Assert.Equal(1, ForcedCharge.Urgency(Need(50, TimeSpan.FromHours(1)), Now, new Watts(11_000)), 9);
        Assert.Equal(0, ForcedCharge.Urgency(EnergyNeed.None, Now, new Watts(11_000)), 9);
    }
}
