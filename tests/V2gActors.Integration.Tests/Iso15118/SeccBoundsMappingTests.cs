using V2gActors.Iso15118.Secc;
using V2gActors.Node.Iso15118;

namespace V2gActors.Integration.Tests.Iso15118;

/// <summary>EV bounds (what the SECC learned) → the vehicle session's bounds. Pure.</summary>
public sealed class SeccBoundsMappingTests
{
    private static readonly SeccBinding Binding = new("F1", "CS-1", 2, DefaultSocPercent: 50, ReservePercent: 20);
    private static readonly EvseLimits Evse = new(MaxChargePowerW: 22_000, MaxDischargePowerW: 10_000);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_is_registered_before_the_ev_sent_its_charge_parameters() =>
        Assert.Null(SeccBoundsMapping.ToSessionBounds("S", Binding, Evse, EvBounds.Unknown with { PresentSocPercent = 40 }, Now));

    [Fact]
    public void The_evse_caps_the_ev_and_the_ev_minimum_soc_raises_the_reserve()
    {
        var ev = new EvBounds(MaxChargePowerW: 50_000, MaxDischargePowerW: 11_000, PresentSocPercent: 63, MinimumSocPercent: 30,
            TargetSocPercent: 80, TargetEnergyRequestWh: 9_000, Departure: Now.AddHours(3));

        var b = SeccBoundsMapping.ToSessionBounds("S", Binding, Evse, ev, Now)!;

        Assert.Equal(("S", "F1", "CS-1", 2), (b.SessionId, b.FleetId, b.StationId, b.EvseId));
        Assert.Equal((22_000.0, 10_000.0, 63.0, 30.0, 80.0, 9_000.0), (b.MaxChargeW, b.MaxDischargeW, b.SocPercent, b.ReservePercent, b.TargetSocPercent, b.EnergyRequestWh));
        Assert.Equal(Now.AddHours(3), b.Departure);
        Assert.Null(b.Validate());
    }

    [Fact]
    public void Defaults_fill_what_the_ev_has_not_said_and_a_charge_only_ev_never_discharges()
    {
        var b = SeccBoundsMapping.ToSessionBounds("S", Binding, Evse, new EvBounds(MaxChargePowerW: 7_000, MaxDischargePowerW: 0), Now)!;

        Assert.Equal((7_000.0, 0.0, 50.0, 20.0, 100.0), (b.MaxChargeW, b.MaxDischargeW, b.SocPercent, b.ReservePercent, b.TargetSocPercent));
        Assert.Null(b.Validate());
    }

    [Fact]
    public void Only_changes_the_allocator_reacts_to_re_register_at_once()
    {
        var ev = new EvBounds(MaxChargePowerW: 11_000, MaxDischargePowerW: 11_000, PresentSocPercent: 50, TargetEnergyRequestWh: 9_000);
        var first = SeccBoundsMapping.ToSessionBounds("S", Binding, Evse, ev, Now)!;

        Assert.True(SeccBoundsMapping.ChangesAllocation(null, first));
        Assert.False(SeccBoundsMapping.ChangesAllocation(first,
            SeccBoundsMapping.ToSessionBounds("S", Binding, Evse, ev with { TargetEnergyRequestWh = 8_990 }, Now.AddSeconds(1))!));
        Assert.True(SeccBoundsMapping.ChangesAllocation(first,
            SeccBoundsMapping.ToSessionBounds("S", Binding, Evse, ev with { PresentSocPercent = 51 }, Now.AddSeconds(1))!));
        Assert.True(SeccBoundsMapping.ChangesAllocation(first,
            SeccBoundsMapping.ToSessionBounds("S", Binding, Evse, ev with { MaxDischargePowerW = 5_000 }, Now.AddSeconds(1))!));
    }
}
