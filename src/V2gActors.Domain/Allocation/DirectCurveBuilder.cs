namespace V2gActors.Domain.Allocation;

/// <summary>
/// Builds the response curve of the sessions hanging directly from one node: the sum of their
/// <see cref="WaterLevel.PowerAt"/> functions, plus frozen sessions as a constant.
/// Each session contributes two slope changes at its own breakpoints; the region boundaries and zero are
/// shared by all sessions, so they are aggregated into a few events per node instead of per session. So are
/// breakpoints at exactly ±1, where every session without ramp, energy need or SoC gate has them (its weight
/// equals its power rating), which keeps typical fleets mostly out of the sort.
/// One sort per node, then a linear sweep: O(s log s) for s sessions.
/// </summary>
internal static class DirectCurveBuilder
{
    private const int SharedEvents = 7;

    public static ResponseCurve Build(ReadOnlySpan<int> sessions, SessionEnvelope[] envelopes, WaterLevel scale,
        AllocationScratch? scratch = null)
    {
        var capacity = 2 * sessions.Length + SharedEvents;
        var levels = AllocationScratch.Doubles(scratch, capacity);
        var slopeChanges = AllocationScratch.Doubles(scratch, capacity);
        var b = scale.NormalHalfWidth;
        var r = scale.RelaxWidth;

        double valueAtMinusInfinity = 0, lowRelax = 0, highRelax = 0, kinkAtZero = 0, atMinusOne = 0, atPlusOne = 0;
        var n = 0;
        foreach (var index in sessions)
        {
            ref readonly var e = ref envelopes[index];
            if (e.Frozen) { valueAtMinusInfinity += e.SoftLow; continue; }

            valueAtMinusInfinity += e.HardLow;
            lowRelax += (e.SoftLow - e.HardLow) / r;
            highRelax += (e.HardHigh - e.SoftHigh) / r;

            var levelLow = WaterLevel.LevelOf(e, e.SoftLow);
            var levelHigh = WaterLevel.LevelOf(e, e.SoftHigh);
            if (levelLow >= levelHigh) continue; // pinned in the normal region: no slope there.

            var slopeOn = levelLow < 0 ? e.DischargeWeight : e.ChargeWeight;
            if (levelLow == -1) atMinusOne += slopeOn;
            else if (levelLow == 1) atPlusOne += slopeOn;
            else { levels[n] = levelLow; slopeChanges[n++] = slopeOn; }

            var slopeOff = levelHigh > 0 ? -e.ChargeWeight : -e.DischargeWeight;
            if (levelHigh == 1) atPlusOne += slopeOff;
            else if (levelHigh == -1) atMinusOne += slopeOff;
            else { levels[n] = levelHigh; slopeChanges[n++] = slopeOff; }

            if (levelLow < 0 && levelHigh > 0) kinkAtZero += e.ChargeWeight - e.DischargeWeight;
        }

        levels[n] = -b - r; slopeChanges[n++] = lowRelax;
        levels[n] = -b; slopeChanges[n++] = -lowRelax;
        levels[n] = -1; slopeChanges[n++] = atMinusOne;
        levels[n] = 0; slopeChanges[n++] = kinkAtZero;
        levels[n] = 1; slopeChanges[n++] = atPlusOne;
        levels[n] = b; slopeChanges[n++] = highRelax;
        levels[n] = b + r; slopeChanges[n++] = -highRelax;

        Array.Sort(levels, slopeChanges, 0, n);
        return Sweep(levels, slopeChanges, n, valueAtMinusInfinity, scratch);
    }

    /// <summary>Integrates sorted slope changes into knots, reusing the input buffers (knots never outnumber events).</summary>
    private static ResponseCurve Sweep(double[] levels, double[] slopeChanges, int count, double valueAtMinusInfinity,
        AllocationScratch? scratch)
    {
        var knotPowers = AllocationScratch.Doubles(scratch, count);
        double value = valueAtMinusInfinity, slope = 0, previous = levels[0];
        var knots = 0;
        for (var k = 0; k < count; k++)
        {
            var level = levels[k];
            value += slope * (level - previous);
            previous = level;
            slope += slopeChanges[k];
            if (knots > 0 && levels[knots - 1] == level) { knotPowers[knots - 1] = value; continue; }
            levels[knots] = level;
            knotPowers[knots++] = value;
        }
        return new ResponseCurve(levels, knotPowers, knots);
    }
}
