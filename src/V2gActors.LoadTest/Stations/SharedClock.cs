using System.Diagnostics;

namespace V2gActors.LoadTest.Stations;

/// <summary>
/// A station agent's receive timestamps are subtracted from the parent's event timestamps, so both processes must read
/// the same clock. On Linux <see cref="Stopwatch.GetTimestamp"/> is <c>clock_gettime(CLOCK_MONOTONIC)</c> in
/// nanoseconds (<see cref="Stopwatch.Frequency"/> = 1e9): one clock for every process on the machine. Anything else is
/// refused rather than guessed, and the parent checks at start that a child's timestamp falls between its own send and
/// receive of a ping (<see cref="EnsureCausal"/>), which a clock with another origin or rate would fail.
/// </summary>
public static class SharedClock
{
    public const long Nanoseconds = 1_000_000_000;

    public static void EnsureMonotonicNanoseconds(long frequency)
    {
        if (!OperatingSystem.IsLinux() || frequency != Nanoseconds || Stopwatch.Frequency != Nanoseconds)
            throw new InvalidOperationException(
                $"stations in child processes need CLOCK_MONOTONIC nanoseconds on both sides (Linux, Stopwatch.Frequency 1e9); " +
                $"here {Environment.OSVersion}, parent {Stopwatch.Frequency}, child {frequency}");
    }

    /// <summary>The child stamped <paramref name="child"/> after reading a ping the parent stamped
    /// <paramref name="sent"/> and before the parent read the answer at <paramref name="received"/>.</summary>
    public static void EnsureCausal(long sent, long child, long received)
    {
        if (sent <= child && child <= received) return;
        throw new InvalidOperationException(
            $"parent and station agent disagree on the clock: ping sent {sent}, child stamped {child}, answer read {received}");
    }
}
