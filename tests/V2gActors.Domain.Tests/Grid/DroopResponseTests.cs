using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Tests.Grid;

public class DroopResponseTests
{
    // 50 Hz, ±36 mHz deadband, 5 % droop: typical of EU FCR-style settings and of 2030.5 dBOF/dBUF = 36, kOF/kUF = 50.
    internal static readonly FrequencyDroop Droop = new(
        new Hertz(50), new Hertz(0.036), new Hertz(0.036), 0.05, 0.05, TimeSpan.FromSeconds(2));

    private static readonly Watts Reference = new(100_000);

    [Theory]
    [InlineData(50.0)]
    [InlineData(50.036)]
    [InlineData(49.964)]
    public void No_response_inside_the_deadband(double hz) =>
        Assert.Equal(0, DroopResponse.PowerChange(Droop, new Hertz(hz), Reference, DroopHeadroom.Unlimited).Value);

    [Fact]
    public void Over_frequency_raises_import_in_proportion_to_the_excursion_beyond_the_deadband()
    {
        // (50.2 - 50.036) / 50 / 0.05 = 0.0656 per unit of 100 kW.
        var change = DroopResponse.PowerChange(Droop, new Hertz(50.2), Reference, DroopHeadroom.Unlimited);
        Assert.Equal(6_560, change.Value, 6);
    }

    [Fact]
    public void Under_frequency_lowers_import_and_stops_at_the_headroom()
    {
        var unclipped = DroopResponse.PowerChange(Droop, new Hertz(49.8), Reference, DroopHeadroom.Unlimited);
        Assert.Equal(-6_560, unclipped.Value, 6);
        var clipped = DroopResponse.PowerChange(Droop, new Hertz(49.0), Reference, new DroopHeadroom(new Watts(1_000), new Watts(4_000)));
        Assert.Equal(-4_000, clipped.Value, 6);
    }

    [Fact]
    public void Ocpp_start_frequencies_describe_the_same_droop_as_2030_5_deadbands()
    {
        var ocpp = FrequencyDroop.FromStartFrequencies(new Hertz(50), new Hertz(50.036), new Hertz(49.964), 0.05, 0.05, TimeSpan.FromSeconds(2));
        Assert.Equal(Droop.OverFrequencyStart.Value, ocpp.OverFrequencyStart.Value, 12);
        Assert.Equal(Droop.UnderFrequencyStart.Value, ocpp.UnderFrequencyStart.Value, 12);
        Assert.Null(ocpp.Validate());
        var sep = FrequencyDroop.FromIeee2030_5(new Hertz(50), dBOF: 36, dBUF: 36, kOF: 50, kUF: 50, openLoopTms: 200);
        Assert.Equal(Droop.OverFrequencyStart.Value, sep.OverFrequencyStart.Value, 12);
        Assert.Equal(0.05, sep.UnderFrequencyDroop, 12);
        Assert.Equal(TimeSpan.FromSeconds(2), sep.OpenLoopResponseTime);
        Assert.NotNull((Droop with { OverFrequencyDroop = 0 }).Validate());
    }

    [Property(MaxTest = 200)]
    public Property The_curve_form_agrees_with_the_droop_law() =>
        Prop.ForAll(
            Gen.Choose(48_000, 52_000).Select(mhz => mhz / 1000.0).ToArbitrary(),
            Gen.Choose(0, 50).ToArbitrary(),
            Gen.Choose(0, 50).ToArbitrary(),
            (hz, upKw, downKw) =>
            {
                var headroom = new DroopHeadroom(Watts.FromKilowatts(upKw), Watts.FromKilowatts(downKw));
                var curve = DroopResponse.AsPowerChangeCurve(Droop, Reference, headroom);
                var law = DroopResponse.PowerChange(Droop, new Hertz(hz), Reference, headroom).Value;
                return Math.Abs(curve.Evaluate(hz) - law) <= 1e-6;
            });
}
