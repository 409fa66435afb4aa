using System.Globalization;

namespace V2gActors.Cmd.Palettes;

/// <summary>Table cells for power, state of charge and the millisecond timestamps of the dispatch path.</summary>
public static class V2gCells
{
    /// <summary>Whole watts (import positive); empty when unknown.</summary>
    public static string Watts(double? watts) => watts is { } w ? Math.Round(w).ToString("0", CultureInfo.InvariantCulture) : "";

    public static string Percent(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>UTC time to the millisecond: dispatch stages are milliseconds apart.</summary>
    public static string Instant(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "";

    /// <summary>Milliseconds from <paramref name="from"/> to <paramref name="to"/>, one decimal; empty when <paramref name="to"/> is unknown.</summary>
    public static string Millis(DateTimeOffset from, DateTimeOffset? to) =>
        to is { } t ? (t - from).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : "";

    public static string Millis(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture);
}
