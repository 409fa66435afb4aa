namespace V2gActors.Domain.Grid;

/// <summary>
/// An immutable piecewise-linear curve with strictly increasing X, held flat beyond its end points.
/// Holding flat (rather than extrapolating) is what both 2030.5 and OCPP prescribe for volt-var,
/// volt-watt and freq-watt curves: the last point's response applies to every more extreme input.
/// </summary>
public sealed class PiecewiseLinearCurve
{
    private readonly CurvePoint[] _points;

    public PiecewiseLinearCurve(IEnumerable<CurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
        if (_points.Length == 0) throw new ArgumentException("A curve needs at least one point.", nameof(points));
        for (var i = 0; i < _points.Length; i++)
        {
            if (!double.IsFinite(_points[i].X) || !double.IsFinite(_points[i].Y))
                throw new ArgumentException($"Point {i} is not finite.", nameof(points));
            if (i > 0 && _points[i].X <= _points[i - 1].X)
                throw new ArgumentException($"Curve X values must strictly increase (point {i}).", nameof(points));
        }
    }

    public IReadOnlyList<CurvePoint> Points => _points;

    public double Evaluate(double x)
    {
        if (x <= _points[0].X) return _points[0].Y;
        var last = _points.Length - 1;
        if (x >= _points[last].X) return _points[last].Y;
        var hi = FirstPointAbove(x);
        var a = _points[hi - 1];
        var b = _points[hi];
        return a.Y + (b.Y - a.Y) * (x - a.X) / (b.X - a.X);
    }

    /// <summary>The same shape with every Y transformed, e.g. to scale a fleet curve into one charger's share.</summary>
    public PiecewiseLinearCurve MapY(Func<double, double> transform)
    {
        var mapped = new CurvePoint[_points.Length];
        for (var i = 0; i < _points.Length; i++) mapped[i] = _points[i] with { Y = transform(_points[i].Y) };
        return new PiecewiseLinearCurve(mapped);
    }

    private int FirstPointAbove(double x)
    {
        int lo = 1, hi = _points.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_points[mid].X > x) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
