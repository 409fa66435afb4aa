using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// -20 RationalNumberType (value: 16-bit signed, times 10^exponent) to and from double. Each schema set has its own
/// generated copy of the type, hence one overload family per schema.
/// </summary>
public static class Rationals
{
    public static double ToDouble(this Cm.RationalNumberType r) => r.Value * Math.Pow(10, r.Exponent);
    public static double ToDouble(this Dc.RationalNumberType r) => r.Value * Math.Pow(10, r.Exponent);
    public static double ToDouble(this Ac.RationalNumberType r) => r.Value * Math.Pow(10, r.Exponent);

    public static Cm.RationalNumberType ToCommon(double value)
    {
        var (v, e) = Split(value);
        return new Cm.RationalNumberType { Value = v, Exponent = e };
    }

    public static Dc.RationalNumberType ToDc(double value)
    {
        var (v, e) = Split(value);
        return new Dc.RationalNumberType { Value = v, Exponent = e };
    }

    public static Ac.RationalNumberType ToAc(double value)
    {
        var (v, e) = Split(value);
        return new Ac.RationalNumberType { Value = v, Exponent = e };
    }

    /// <summary>
    /// Whole values keep exponent 0 (watts exact up to 32 kW, a few tens of watts off at 400 kW, below any EVSE's
    /// control accuracy); fractional ones (currents, SoC-derived values) get two decimals while they fit.
    /// </summary>
    private static (short Value, sbyte Exponent) Split(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return (0, 0);
        sbyte first = Math.Abs(value - Math.Round(value)) < 1e-9 ? (sbyte)0 : (sbyte)-2;
        for (var e = first; e <= 10; e++)
        {
            var scaled = Math.Round(value / Math.Pow(10, e));
            if (scaled is >= short.MinValue and <= short.MaxValue) return ((short)scaled, e);
        }
        return (value < 0 ? short.MinValue : short.MaxValue, 10);
    }
}
