namespace V2gActors.Domain.Allocation;

/// <summary>
/// How close counts as equal for watt values that went through floating-point sums: a micro-watt plus one part
/// in a billion. Far below anything a charger can resolve, far above accumulated rounding.
/// </summary>
public static class Tolerance
{
    public static double For(double magnitude) =>
        1e-6 + 1e-9 * (double.IsFinite(magnitude) ? Math.Abs(magnitude) : 0);

    public static bool Near(double a, double b, double scale) => Math.Abs(a - b) <= For(scale);
}
