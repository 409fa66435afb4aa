using System.Globalization;

namespace V2gActors.Cmd.Palettes;

/// <summary>
/// Durations as operators type them: <c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>, a plain number of
/// seconds, a <see cref="TimeSpan"/> (<c>00:15:00</c>), or <c>forever</c> (null: no end).
/// </summary>
public static class DurationText
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];

    public static bool TryParse(string text, out TimeSpan? duration)
    {
        duration = null;
        text = text.Trim();
        if (text.Equals("forever", StringComparison.OrdinalIgnoreCase)) return true;
        if (text.Contains(':'))
        {
            if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) || span <= TimeSpan.Zero) return false;
            duration = span;
            return true;
        }
        var (number, factor) = (text, 1.0);
        // "ms" is listed before "s" and "m", so 500ms is not read as minutes or seconds.
        foreach (var (suffix, seconds) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            (number, factor) = (text[..^suffix.Length], seconds);
            break;
        }
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0)) return false;
        var total = value * factor;
        if (!double.IsFinite(total) || total > TimeSpan.MaxValue.TotalSeconds / 2) return false;
        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>The inverse, for output: <c>15m</c>, <c>90s</c>, <c>forever</c>.</summary>
    public static string Format(TimeSpan? duration) => duration switch
    {
        null => "forever",
        { } d when d.TotalMilliseconds % 1000 != 0 => $"{d.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
        { } d when d.TotalSeconds % 3600 == 0 => $"{d.TotalHours.ToString(CultureInfo.InvariantCulture)}h",
        { } d when d.TotalSeconds % 60 == 0 => $"{d.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m",
        { } d => $"{d.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s",
    };
}
