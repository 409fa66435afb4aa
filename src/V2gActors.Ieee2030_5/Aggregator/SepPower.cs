using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Aggregator;

/// <summary>
/// 2030.5 carries power as a 16-bit value and a power-of-ten multiplier; these convert both ways, choosing the
/// smallest multiplier that fits so an aggregated fleet of megawatts still round-trips to the watt where it can.
/// </summary>
public static class SepPower
{
    public static double Watts(short value, sbyte multiplier) => value * Math.Pow(10, multiplier);

    public static double Watts(ushort value, sbyte multiplier) => value * Math.Pow(10, multiplier);

    public static ActivePower Active(double watts)
    {
        var (value, multiplier) = Fit(watts, short.MaxValue);
        return new ActivePower { Value = (short)value, Multiplier = multiplier };
    }

    public static UnsignedActivePower Unsigned(double watts)
    {
        var (value, multiplier) = Fit(Math.Max(0, watts), ushort.MaxValue);
        return new UnsignedActivePower { Value = (ushort)value, Multiplier = multiplier };
    }

    private static (long Value, sbyte Multiplier) Fit(double watts, long max)
    {
        if (!double.IsFinite(watts)) watts = 0;
        sbyte multiplier = 0;
        var value = Math.Round(watts);
        while (Math.Abs(value) > max && multiplier < 9)
        {
            multiplier++;
            value = Math.Round(watts / Math.Pow(10, multiplier));
        }
        return ((long)value, multiplier);
    }
}
