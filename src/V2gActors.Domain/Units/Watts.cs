using System.Globalization;

namespace V2gActors.Domain.Units;

/// <summary>
/// Active power in watts, signed from the grid's point of view: import (charging) is positive,
/// export (discharging) is negative. Every protocol adapter converts to this convention at its edge
/// so that the engine never has to remember which way a number points.
/// </summary>
public readonly record struct Watts(double Value) : IComparable<Watts>
{
    public static readonly Watts Zero = new(0);

    public static Watts FromKilowatts(double kilowatts) => new(kilowatts * 1000.0);

    public double Kilowatts => Value / 1000.0;
    public bool IsImport => Value > 0;
    public bool IsExport => Value < 0;
    public Watts Magnitude => new(Math.Abs(Value));

    public static Watts operator +(Watts a, Watts b) => new(a.Value + b.Value);
    public static Watts operator -(Watts a, Watts b) => new(a.Value - b.Value);
    public static Watts operator -(Watts a) => new(-a.Value);
    public static Watts operator *(Watts a, double factor) => new(a.Value * factor);
    public static Watts operator *(double factor, Watts a) => new(a.Value * factor);
    public static WattHours operator *(Watts power, TimeSpan duration) => new(power.Value * duration.TotalHours);
    public static bool operator <(Watts a, Watts b) => a.Value < b.Value;
    public static bool operator >(Watts a, Watts b) => a.Value > b.Value;
    public static bool operator <=(Watts a, Watts b) => a.Value <= b.Value;
    public static bool operator >=(Watts a, Watts b) => a.Value >= b.Value;

    public static Watts Min(Watts a, Watts b) => a.Value <= b.Value ? a : b;
    public static Watts Max(Watts a, Watts b) => a.Value >= b.Value ? a : b;

    public int CompareTo(Watts other) => Value.CompareTo(other.Value);
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " W";
}
