using System.Globalization;

namespace V2gActors.Domain.Units;

/// <summary>
/// How fast a setpoint may move, in watts per second, in either direction (2030.5 setGradW, OCPP Gradient).
/// <see cref="Unlimited"/> is the honest default when nothing constrains the ramp.
/// </summary>
public readonly record struct RampRate
{
    public RampRate(double wattsPerSecond)
    {
        if (double.IsNaN(wattsPerSecond) || wattsPerSecond < 0)
            throw new ArgumentOutOfRangeException(nameof(wattsPerSecond), wattsPerSecond, "A ramp rate cannot be negative.");
        WattsPerSecond = wattsPerSecond;
    }

    public double WattsPerSecond { get; }

    public static readonly RampRate Unlimited = new(double.PositiveInfinity);

    public bool IsUnlimited => double.IsPositiveInfinity(WattsPerSecond);

    /// <summary>The largest setpoint change allowed over <paramref name="interval"/>.</summary>
    public Watts Over(TimeSpan interval) =>
        IsUnlimited ? new Watts(double.PositiveInfinity) : new Watts(WattsPerSecond * interval.TotalSeconds);

    public override string ToString() =>
        IsUnlimited ? "unlimited" : WattsPerSecond.ToString("0.###", CultureInfo.InvariantCulture) + " W/s";
}
