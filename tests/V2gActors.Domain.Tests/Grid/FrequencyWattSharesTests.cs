using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Tests.Grid;

public class FrequencyWattSharesTests
{
    private static readonly Watts Reference = new(100_000);

    [Fact]
    public void Each_charger_moves_in_proportion_to_its_headroom()
    {
        var curves = FrequencyWattShares.Split(DroopResponseTests.Droop, Reference, [
            new ChargerOperatingPoint(new Watts(0), new Watts(11_000), new Watts(11_000)),
            new ChargerOperatingPoint(new Watts(7_000), new Watts(11_000), new Watts(0)),
        ]);

        // Up headroom 11 kW and 4 kW; down headroom 11 kW and 7 kW.
        var fleetUp = DroopResponse.PowerChange(DroopResponseTests.Droop, new Hertz(50.1), Reference, DroopHeadroom.Unlimited).Value;
        Assert.Equal(fleetUp * 11 / 15, curves[0].Evaluate(50.1), 6);
        Assert.Equal(7_000 + fleetUp * 4 / 15, curves[1].Evaluate(50.1), 6);
        Assert.Equal(-11_000, curves[0].Evaluate(45), 6);
        Assert.Equal(0, curves[1].Evaluate(45), 6);
    }

    [Property(MaxTest = 200)]
    public Property Charger_curves_add_up_to_the_fleet_response_and_stay_within_each_charger() =>
        Prop.ForAll(ChargersGen().ToArbitrary(), Gen.Choose(48_000, 52_000).Select(mhz => mhz / 1000.0).ToArbitrary(),
            (chargers, hz) =>
            {
                var curves = FrequencyWattShares.Split(DroopResponseTests.Droop, Reference, chargers);
                double baseline = 0, up = 0, down = 0, sum = 0;
                var within = true;
                for (var i = 0; i < chargers.Length; i++)
                {
                    var c = chargers[i];
                    var h = DroopHeadroom.Around(c.Baseline, c.MaxCharge, c.MaxDischarge);
                    baseline += c.Baseline.Value;
                    up += h.Up.Value;
                    down += h.Down.Value;
                    var p = curves[i].Evaluate(hz);
                    sum += p;
                    within &= p <= c.MaxCharge.Value + 1e-6 && p >= -c.MaxDischarge.Value - 1e-6;
                }
                var fleet = baseline + DroopResponse.PowerChange(DroopResponseTests.Droop, new Hertz(hz), Reference,
                    new DroopHeadroom(new Watts(up), new Watts(down))).Value;
                return within && Math.Abs(sum - fleet) <= 1e-6 * Math.Max(1, Math.Abs(fleet));
            });

    private static Gen<ChargerOperatingPoint[]> ChargersGen() =>
        Gen.NonEmptyListOf(
            from maxCharge in Gen.Choose(0, 22)
            from maxDischarge in Gen.Choose(0, 11)
            from share in Gen.Choose(0, 100)
            select new ChargerOperatingPoint(
                Watts.FromKilowatts(-maxDischarge + (maxCharge + maxDischarge) * share / 100.0),
                Watts.FromKilowatts(maxCharge), Watts.FromKilowatts(maxDischarge)))
        .Select(list => list.ToArray());
}
