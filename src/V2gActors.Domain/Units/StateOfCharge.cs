using System.Globalization;

namespace V2gActors.Domain.Units;

/// <summary>Battery state of charge in percent, 0..100 (both ISO 15118-20 and OCPP report it this way).</summary>
public readonly record struct StateOfCharge : IComparable<StateOfCharge>
{
    public StateOfCharge(double percent)
    {
        if (double.IsNaN(percent) || percent < 0 || percent > 100)
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "State of charge must be within 0..100 %.");
        Percent = percent;
    }

    public double Percent { get; }

    public static readonly StateOfCharge Empty = new(0);
    public static readonly StateOfCharge Full = new(100);

    public static bool operator <(StateOfCharge a, StateOfCharge b) => a.Percent < b.Percent;
    public static bool operator >(StateOfCharge a, StateOfCharge b) => a.Percent > b.Percent;
    public static bool operator <=(StateOfCharge a, StateOfCharge b) => a.Percent <= b.Percent;
    public static bool operator >=(StateOfCharge a, StateOfCharge b) => a.Percent >= b.Percent;

    public int CompareTo(StateOfCharge other) => Percent.CompareTo(other.Percent);
    public override string ToString() => Percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
