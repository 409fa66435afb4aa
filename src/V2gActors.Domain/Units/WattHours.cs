using System.Globalization;

namespace V2gActors.Domain.Units;

/// <summary>Energy in watt-hours; positive means energy into the vehicle.</summary>
public readonly record struct WattHours(double Value) : IComparable<WattHours>
{
    public static readonly WattHours Zero = new(0);

    public static WattHours FromKilowattHours(double kilowattHours) => new(kilowattHours * 1000.0);

    public double KilowattHours => Value / 1000.0;

    public static WattHours operator +(WattHours a, WattHours b) => new(a.Value + b.Value);
    public static WattHours operator -(WattHours a, WattHours b) => new(a.Value - b.Value);
    public static Watts operator /(WattHours energy, TimeSpan duration) => new(energy.Value / duration.TotalHours);
    public static bool operator <(WattHours a, WattHours b) => a.Value < b.Value;
    public static bool operator >(WattHours a, WattHours b) => a.Value > b.Value;
    public static bool operator <=(WattHours a, WattHours b) => a.Value <= b.Value;
    public static bool operator >=(WattHours a, WattHours b) => a.Value >= b.Value;

    public int CompareTo(WattHours other) => Value.CompareTo(other.Value);
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " Wh";
}
