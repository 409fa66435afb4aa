using V2gActors.Domain.Grid;

namespace V2gActors.Domain.Tests.Grid;

public class PiecewiseLinearCurveTests
{
    private static readonly PiecewiseLinearCurve VoltVar = new([
        new CurvePoint(92, 30), new CurvePoint(98, 0), new CurvePoint(102, 0), new CurvePoint(108, -30)]);

    [Theory]
    [InlineData(80, 30)]
    [InlineData(92, 30)]
    [InlineData(95, 15)]
    [InlineData(100, 0)]
    [InlineData(105, -15)]
    [InlineData(120, -30)]
    public void Interpolates_inside_and_holds_flat_outside(double x, double expected) =>
        Assert.Equal(expected, VoltVar.Evaluate(x), 9);

    [Fact]
    public void Rejects_points_that_do_not_strictly_increase()
    {
        Assert.Throws<ArgumentException>(() => new PiecewiseLinearCurve([new CurvePoint(1, 0), new CurvePoint(1, 1)]));
        Assert.Throws<ArgumentException>(() => new PiecewiseLinearCurve([]));
    }

    [Fact]
    public void Volt_var_and_volt_watt_controls_read_their_curves()
    {
        Assert.Equal(15, new VoltVarCurve(VoltVar, TimeSpan.FromSeconds(5)).PercentVarAt(95), 9);
        var voltWatt = new VoltWattCurve(new PiecewiseLinearCurve([new CurvePoint(106, 100), new CurvePoint(110, 0)]), TimeSpan.Zero);
        Assert.Equal(50, voltWatt.PercentPowerAt(108), 9);
    }
}
