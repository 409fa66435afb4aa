using V2gActors.Domain.Allocation;

namespace V2gActors.Domain.Tests.Allocation;

public class ResponseCurveTests
{
    // 0 W up to level -1, rising to 10 kW at level 1, flat after.
    private static readonly ResponseCurve Ramp = new([-1, 1], [0, 10_000], 2);

    [Fact]
    public void Crossings_find_the_first_and_last_levels_within_a_limit()
    {
        Assert.Equal(0, Ramp.LowestLevelReaching(5_000), 12);
        Assert.Equal(0, Ramp.HighestLevelNotExceeding(5_000), 12);
        Assert.Equal(double.NegativeInfinity, Ramp.LowestLevelReaching(0));
        Assert.Equal(double.PositiveInfinity, Ramp.LowestLevelReaching(10_001));
        Assert.Equal(double.PositiveInfinity, Ramp.HighestLevelNotExceeding(10_000));
        Assert.Equal(double.NegativeInfinity, Ramp.HighestLevelNotExceeding(-1));
    }

    [Fact]
    public void Restricting_holds_the_curve_flat_outside_the_range()
    {
        var held = Ramp.Restrict(-0.5, 0.5);
        Assert.Equal(2_500, held.Evaluate(-10), 9);
        Assert.Equal(5_000, held.Evaluate(0), 9);
        Assert.Equal(7_500, held.Evaluate(10), 9);
        Assert.Equal(10_000, Ramp.Restrict(double.PositiveInfinity, double.PositiveInfinity).Evaluate(0), 9);
    }

    [Fact]
    public void Adding_curves_adds_their_values_everywhere()
    {
        var step = new ResponseCurve([0, 0.5], [-2_000, 0], 2);
        var sum = ResponseCurve.Add(Ramp, step);
        foreach (var level in new[] { -3, -1, -0.25, 0, 0.25, 0.5, 0.75, 1, 3 })
            Assert.Equal(Ramp.Evaluate(level) + step.Evaluate(level), sum.Evaluate(level), 9);
        Assert.Equal(Ramp.Evaluate(0.3) + 42, ResponseCurve.Add(Ramp, ResponseCurve.Constant(42)).Evaluate(0.3), 9);
    }
}
