using V2gActors.Ieee2030_5.Aggregator;
using V2gActors.Ieee2030_5.Tests.Xml;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Tests.Aggregator;

public class AggregatedDerReportsTests
{
    private static readonly byte[] Lfdi = Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF01234567");
    private static readonly AggregatedDer Fleet = new(Members: 6, MaxChargeW: 66_000, MaxDischargeW: 45_000, HeldW: -12_000,
        ActualW: -11_800, AverageSocPercent: 61.5, AverageReservePercent: 20);
    private const long Now = 1_764_000_000;

    [Fact]
    public void Every_report_validates_against_sep_xsd()
    {
        byte[][] documents =
        [
            SepXml.Serialize(AggregatedDerReports.Capability(Fleet)), SepXml.Serialize(AggregatedDerReports.Settings(Fleet, Now)),
            SepXml.Serialize(AggregatedDerReports.Status(Fleet, Now)), SepXml.Serialize(AggregatedDerReports.Availability(Fleet, Now)),
            SepXml.Serialize(AggregatedDerReports.MirrorUsagePoint(Lfdi, "fleet F1", 10)),
            SepXml.Serialize(AggregatedDerReports.PowerReading(Lfdi, -11_800, Now, 10)),
        ];
        foreach (var doc in documents)
            Assert.Empty(SepSchema.Validate(doc));
    }

    [Fact]
    public void Reports_carry_the_fleet_numbers_in_2030_5_conventions()
    {
        var capability = AggregatedDerReports.Capability(Fleet);
        Assert.Equal(45_000, SepPower.Watts(capability.RtgMaxW.Value, capability.RtgMaxW.Multiplier));
        Assert.Equal(66_000, SepPower.Watts(capability.RtgMaxChargeRateW!.Value, capability.RtgMaxChargeRateW.Multiplier));

        var status = AggregatedDerReports.Status(Fleet, Now);
        Assert.Equal((byte)1, status.StorageModeStatus!.Value); // discharging
        Assert.Equal((ushort)6_150, status.StateOfChargeStatus!.Value);

        var availability = AggregatedDerReports.Availability(Fleet, Now);
        Assert.Equal(33_000, SepPower.Watts(availability.StatWAvail!.Value, availability.StatWAvail.Multiplier));
        Assert.Equal(78_000, SepPower.Watts(availability.StatWAbsorbAvail!.Value, availability.StatWAbsorbAvail.Multiplier));

        Assert.Equal(-11_800, AggregatedDerReports.PowerReading(Lfdi, -11_800, Now, 10).Reading!.Value);
        Assert.Equal(AggregatedDerReports.MirrorUsagePoint(Lfdi, "a", 10).MRID, AggregatedDerReports.MirrorUsagePoint(Lfdi, "b", 10).MRID);
    }

    [Theory]
    [InlineData(11_000.0, (short)11_000, (sbyte)0)]
    [InlineData(450_000.0, (short)4_500, (sbyte)2)]
    [InlineData(-2_000_000.0, (short)-20_000, (sbyte)2)]
    public void Power_fits_sixteen_bits_with_the_smallest_multiplier(double watts, short value, sbyte multiplier)
    {
        var p = SepPower.Active(watts);
        Assert.Equal((value, multiplier), (p.Value, p.Multiplier));
    }
}
