using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Tests.Units;

public class UnitsTests
{
    [Fact]
    public void Power_held_for_a_duration_is_energy_and_back()
    {
        var energy = Watts.FromKilowatts(11) * TimeSpan.FromMinutes(30);
        Assert.Equal(5_500, energy.Value, 9);
        Assert.Equal(11_000, (energy / TimeSpan.FromMinutes(30)).Value, 9);
    }

    [Fact]
    public void Import_is_positive_and_export_negative()
    {
        Assert.True(new Watts(1).IsImport);
        Assert.True(new Watts(-1).IsExport);
        Assert.Equal(new Watts(5), new Watts(-5).Magnitude);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.1)]
    [InlineData(double.NaN)]
    public void State_of_charge_outside_0_to_100_is_rejected(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StateOfCharge(percent));

    [Fact]
    public void A_ramp_rate_allows_rate_times_interval()
    {
        Assert.Equal(400, new RampRate(100).Over(TimeSpan.FromSeconds(4)).Value, 9);
        Assert.True(double.IsPositiveInfinity(RampRate.Unlimited.Over(TimeSpan.FromSeconds(4)).Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RampRate(-1));
    }

    [Fact]
    public void Ids_are_values()
    {
        Assert.Equal(new EvseId(new StationId("cs-1"), 2), new EvseId(new StationId("cs-1"), 2));
        Assert.Equal("cs-1/2", new EvseId(new StationId("cs-1"), 2).ToString());
        Assert.NotEqual(new SessionId("a"), new SessionId("b"));
    }
}
