namespace V2gActors.Domain.Events;

/// <summary>
/// randomizeStart / randomizeDuration spread a fleet's reaction so thousands of devices do not step together.
/// The offset must be random across devices but stable for one device and one event (every re-evaluation
/// has to land on the same effective times), so it is derived from a seed, the device id and the event mRID
/// with a fixed hash (string.GetHashCode is randomised per process and would break that).
/// </summary>
public static class EventRandomization
{
    public static EffectiveInterval Apply(ScheduledEvent e, string deviceId, ulong seed)
    {
        var startOffset = Offset(e.RandomizeStart, Mix(seed, deviceId, e.Mrid, 1));
        var durationOffset = Offset(e.RandomizeDuration, Mix(seed, deviceId, e.Mrid, 2));
        var start = e.Start + startOffset;
        var duration = Math.Max(0L, e.Duration + durationOffset);
        return new EffectiveInterval(start, start + duration);
    }

    /// <summary>Uniform in [0, bound] for a positive bound, [bound, 0] for a negative one, as the schema describes.</summary>
    private static long Offset(short bound, ulong random)
    {
        if (bound == 0) return 0;
        var span = (ulong)Math.Abs((int)bound) + 1;
        var magnitude = (long)(random % span);
        return bound > 0 ? magnitude : -magnitude;
    }

    private static ulong Mix(ulong seed, string deviceId, string mrid, ulong stream)
    {
        var h = 14695981039346656037UL; // FNV-1a over both ids, then SplitMix64 to spread the bits
        foreach (var c in deviceId) h = (h ^ c) * 1099511628211UL;
        h = (h ^ '|') * 1099511628211UL;
        foreach (var c in mrid) h = (h ^ c) * 1099511628211UL;
        var z = h ^ seed ^ (stream * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
