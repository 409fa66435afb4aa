using System.Runtime.InteropServices;

namespace V2gActors.LoadTest.Reporting;

/// <summary>
/// Where a figure was measured. The load average before and after is part of every report because this project's
/// machines are often shared: a figure measured beside six compilers is not a budget verdict.
/// </summary>
public sealed record MachineInfo(
    int Cores, double MemoryGiB, string Os, string Runtime, bool ServerGc,
    string LoadAverageBefore, string LoadAverageAfter)
{
    public static MachineInfo Now() => new(
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC,
        LoadAverage(), "");

    public MachineInfo Finished() => this with { LoadAverageAfter = LoadAverage() };

    /// <summary>The three load averages from /proc/loadavg; "n/a" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }
}
