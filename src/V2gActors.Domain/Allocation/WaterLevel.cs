namespace V2gActors.Domain.Allocation;

/// <summary>
/// Maps the fleet's single "water level" λ to each session's power; the allocator searches for the level
/// whose total meets the target.
/// <para>The level axis has three regions. Inside [-<see cref="NormalHalfWidth"/>, +<see cref="NormalHalfWidth"/>]
/// a session follows <c>clamp(w·λ, softLow, softHigh)</c> with its charge weight for λ ≥ 0 and its discharge weight
/// for λ &lt; 0, so every session moves in proportion to its weight until it meets a bound. Beyond that, over a
/// further <see cref="RelaxWidth"/>, sessions give up their soft bounds, in proportion, down to (or up to) their
/// hard bounds. The global level never leaves the normal region; only a tree node that cannot be satisfied within
/// soft bounds pushes its own subtree into a relax region.</para>
/// </summary>
public readonly record struct WaterLevel(double NormalHalfWidth, double RelaxWidth)
{
    /// <summary>
    /// A normal region wide enough that every session reaches both soft bounds within it, which keeps each
    /// session's response continuous where the regions meet.
    /// </summary>
    public static WaterLevel For(ReadOnlySpan<SessionEnvelope> envelopes)
    {
        var halfWidth = 1.0;
        foreach (ref readonly var e in envelopes)
        {
            if (e.Frozen) continue;
            halfWidth = Math.Max(halfWidth, LevelOf(e, e.SoftLow));
            halfWidth = Math.Max(halfWidth, -LevelOf(e, e.SoftLow));
            halfWidth = Math.Max(halfWidth, LevelOf(e, e.SoftHigh));
            halfWidth = Math.Max(halfWidth, -LevelOf(e, e.SoftHigh));
        }
        // A hair wider than the widest breakpoint, so at the edge every session is strictly past its bound
        // and is reported as held by it.
        halfWidth *= 1 + 1e-9;
        return new WaterLevel(halfWidth, halfWidth);
    }

    public double PowerAt(in SessionEnvelope e, double level)
    {
        if (level < -NormalHalfWidth)
        {
            var depth = Math.Min(1.0, (-NormalHalfWidth - level) / RelaxWidth);
            return e.SoftLow - (e.SoftLow - e.HardLow) * depth;
        }
        if (level > NormalHalfWidth)
        {
            var depth = Math.Min(1.0, (level - NormalHalfWidth) / RelaxWidth);
            return e.SoftHigh + (e.HardHigh - e.SoftHigh) * depth;
        }
        return Math.Clamp(Unbounded(e, level), e.SoftLow, e.SoftHigh);
    }

    /// <summary>What the session would do at this level without its bounds.</summary>
    public static double Unbounded(in SessionEnvelope e, double level) =>
        level >= 0 ? e.ChargeWeight * level : e.DischargeWeight * level;

    /// <summary>
    /// The level at which the unbounded response equals <paramref name="power"/>; 0 when the weight on that side
    /// is zero (the session then sits at 0 there, which lies within its soft bounds).
    /// </summary>
    public static double LevelOf(in SessionEnvelope e, double power)
    {
        if (power > 0) return e.ChargeWeight > 0 ? power / e.ChargeWeight : 0;
        if (power < 0) return e.DischargeWeight > 0 ? power / e.DischargeWeight : 0;
        return 0;
    }
}
