using System.Globalization;

namespace V2gActors.Domain.Units;

/// <summary>Grid frequency in hertz.</summary>
public readonly record struct Hertz(double Value) : IComparable<Hertz>
{
    public static Hertz operator +(Hertz a, Hertz b) => new(a.Value + b.Value);
    public static Hertz operator -(Hertz a, Hertz b) => new(a.Value - b.Value);
    public static bool operator <(Hertz a, Hertz b) => a.Value < b.Value;
    public static bool operator >(Hertz a, Hertz b) => a.Value > b.Value;
    public static bool operator <=(Hertz a, Hertz b) => a.Value <= b.Value;
    public static bool operator >=(Hertz a, Hertz b) => a.Value >= b.Value;

    public int CompareTo(Hertz other) => Value.CompareTo(other.Value);
    public override string ToString() => Value.ToString("0.####", CultureInfo.InvariantCulture) + " Hz";
}
