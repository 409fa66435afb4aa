namespace V2gActors.Domain.Allocation;

/// <summary>
/// A non-decreasing, continuous, piecewise-linear function of the water level, held flat beyond its first and
/// last knots: the total power of a subtree at each level. Immutable once built.
/// </summary>
internal sealed class ResponseCurve
{
    // Knots live in the first _count slots; callers hand over buffers that may be longer, which saves a copy per node.
    private readonly double[] _levels;
    private readonly double[] _powers;
    private readonly int _count;

    public ResponseCurve(double[] levels, double[] powers, int count)
    {
        if (count < 1 || levels.Length < count || powers.Length < count)
            throw new ArgumentException("A response curve needs at least one knot and buffers that hold them.");
        _levels = levels;
        _powers = powers;
        _count = count;
    }

    public static ResponseCurve Constant(double power) => new([0.0], [power], 1);

    public int KnotCount => _count;
    public double Minimum => _powers[0];
    public double Maximum => _powers[_count - 1];

    public double Evaluate(double level)
    {
        if (level <= _levels[0]) return _powers[0];
        var last = _count - 1;
        if (level >= _levels[last]) return _powers[last];
        int lo = 1, hi = last;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_levels[mid] >= level) hi = mid; else lo = mid + 1;
        }
        return Interpolate(lo - 1, lo, level);
    }

    /// <summary>Smallest level whose power reaches <paramref name="power"/>; -∞ if all do, +∞ if none does.</summary>
    public double LowestLevelReaching(double power)
    {
        // Linear scans rather than binary search: a few ulps of rounding can make "non-decreasing" untrue
        // between neighbouring knots, and the first crossing is what we mean.
        if (_powers[0] >= power) return double.NegativeInfinity;
        for (var k = 1; k < _count; k++)
            if (_powers[k] >= power) return InverseInterpolate(k - 1, k, power);
        return double.PositiveInfinity;
    }

    /// <summary>Largest level whose power stays at or below <paramref name="power"/>; +∞ if all do, -∞ if none does.</summary>
    public double HighestLevelNotExceeding(double power)
    {
        var last = _count - 1;
        if (_powers[last] <= power) return double.PositiveInfinity;
        for (var k = last - 1; k >= 0; k--)
            if (_powers[k] <= power) return InverseInterpolate(k, k + 1, power);
        return double.NegativeInfinity;
    }

    /// <summary>The curve of <c>level ↦ this(clamp(level, low, high))</c>: a subtree that stops at its node's limits.</summary>
    public ResponseCurve Restrict(double low, double high, AllocationScratch? scratch = null)
    {
        if (low == double.NegativeInfinity && high == double.PositiveInfinity) return this;
        if (low >= high) return Constant(Evaluate(low)); // pinned: the node's limit leaves one level (or none, then the nearest).

        var levels = AllocationScratch.Doubles(scratch, _count + 2);
        var powers = AllocationScratch.Doubles(scratch, _count + 2);
        var n = 0;
        if (!double.IsInfinity(low)) { levels[n] = low; powers[n++] = Evaluate(low); }
        for (var k = 0; k < _count; k++)
        {
            if (_levels[k] <= low || _levels[k] >= high) continue;
            levels[n] = _levels[k];
            powers[n++] = _powers[k];
        }
        if (!double.IsInfinity(high)) { levels[n] = high; powers[n++] = Evaluate(high); }
        if (n == 0) return Constant(Evaluate(0));
        return new ResponseCurve(levels, powers, n);
    }

    /// <summary>Pointwise sum, by merging the two knot sequences.</summary>
    public static ResponseCurve Add(ResponseCurve a, ResponseCurve b, AllocationScratch? scratch = null)
    {
        if (a.KnotCount == 1) return b.Shift(a._powers[0], scratch);
        if (b.KnotCount == 1) return a.Shift(b._powers[0], scratch);

        var levels = AllocationScratch.Doubles(scratch, a.KnotCount + b.KnotCount);
        var powers = AllocationScratch.Doubles(scratch, a.KnotCount + b.KnotCount);
        int i = 0, j = 0, n = 0;
        while (i < a.KnotCount || j < b.KnotCount)
        {
            var level = j >= b.KnotCount || (i < a.KnotCount && a._levels[i] <= b._levels[j]) ? a._levels[i] : b._levels[j];
            var power = a.EvaluateFrom(ref i, level) + b.EvaluateFrom(ref j, level);
            if (n > 0 && levels[n - 1] == level) { powers[n - 1] = power; continue; }
            levels[n] = level;
            powers[n++] = power;
        }
        return new ResponseCurve(levels, powers, n);
    }

    private ResponseCurve Shift(double offset, AllocationScratch? scratch)
    {
        if (offset == 0) return this;
        var powers = AllocationScratch.Doubles(scratch, _count);
        for (var k = 0; k < _count; k++) powers[k] = _powers[k] + offset;
        return new ResponseCurve(_levels, powers, _count);
    }

    /// <summary>
    /// Value at <paramref name="level"/> given that <paramref name="cursor"/> indexes the first knot not yet passed;
    /// advances the cursor past knots at <paramref name="level"/>. Levels must be visited in ascending order.
    /// </summary>
    private double EvaluateFrom(ref int cursor, double level)
    {
        while (cursor < _count && _levels[cursor] == level) cursor++;
        if (cursor > 0 && _levels[cursor - 1] == level) return _powers[cursor - 1];
        if (cursor == 0) return _powers[0];
        if (cursor == _count) return _powers[_count - 1];
        return Interpolate(cursor - 1, cursor, level);
    }

    private double Interpolate(int k0, int k1, double level)
    {
        var span = _levels[k1] - _levels[k0];
        if (span <= 0) return _powers[k1];
        return _powers[k0] + (_powers[k1] - _powers[k0]) * ((level - _levels[k0]) / span);
    }

    private double InverseInterpolate(int k0, int k1, double power)
    {
        var rise = _powers[k1] - _powers[k0];
        if (rise <= 0) return _levels[k1];
        var t = (power - _powers[k0]) / rise;
        if (t <= 0) return _levels[k0];
        if (t >= 1) return _levels[k1];
        return _levels[k0] + (_levels[k1] - _levels[k0]) * t;
    }
}
