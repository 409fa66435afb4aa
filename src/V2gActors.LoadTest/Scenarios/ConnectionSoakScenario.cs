using System.Diagnostics;
using V2gActors.LoadTest.Reporting;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// Scenario 5, connection soak: N booted stations hold idle WebSockets for the duration (the CSMS keeps its connection
/// actor, entity and pipe buffers for each). Reports memory per 1,000 connections and that none dropped.
/// With an in-process node the figures cover node and simulated stations together (an upper bound for the node);
/// against a separate node (<c>--url … --node-pid …</c>) the node's own resident set is reported too.
/// </summary>
public sealed class ConnectionSoakScenario : ILoadScenario
{
    public const string ScenarioName = "connection-soak";
    public const string ManagedPerThousand = "managed heap per 1k connections (this process)";
    public const string ResidentPerThousand = "resident set per 1k connections (this process)";
    public const string NodeResidentPerThousand = "resident set per 1k connections (node process)";

    private const int DefaultBootConcurrency = 200;

    public string Name => ScenarioName;

    public async Task<ScenarioReport> RunAsync(LoadRun run, CancellationToken cancellationToken)
    {
        var settings = run.Settings;
        var report = new ReportBuilder(Name, run);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        var before = MemorySample.Take(run.Target.NodeProcessId);
        await using var fleet = LoadFleet.Create(settings.StationPrefix, settings.Chargers);

        var concurrency = settings.ConnectConcurrency > 0 ? settings.ConnectConcurrency : DefaultBootConcurrency;
        var accepted = await fleet.ConnectAndBootAsync(run, concurrency, deadline.Token).ConfigureAwait(false);
        report.Check("all Accepted", accepted == fleet.Count, $"{accepted} of {fleet.Count}");

        var leastOpen = await HoldAsync(fleet, settings.Duration, deadline.Token).ConfigureAwait(false);
        var after = MemorySample.Take(run.Target.NodeProcessId);
        var open = fleet.OpenConnections;
        double PerThousand(long delta) => open == 0 ? 0 : delta / (1024.0 * 1024.0) / (open / 1000.0);

        report.Fact("connections held", open, "connections")
            .Fact(ManagedPerThousand, PerThousand(after.ManagedBytes - before.ManagedBytes), "MiB")
            .Fact(ResidentPerThousand, PerThousand(after.ProcessResidentBytes - before.ProcessResidentBytes), "MiB")
            .Fact("managed heap after (this process)", after.ManagedBytes / (1024.0 * 1024.0), "MiB")
            .Fact("resident set after (this process)", after.ProcessResidentBytes / (1024.0 * 1024.0), "MiB");
        if (after.NodeResidentBytes is { } nodeAfter && before.NodeResidentBytes is { } nodeBefore)
            report.Fact(NodeResidentPerThousand, PerThousand(nodeAfter - nodeBefore), "MiB");
        report.Check("no connection dropped while idle", leastOpen == fleet.Count && open == fleet.Count,
            $"{open} of {fleet.Count} open at the end, at least {leastOpen} throughout");
        return await report.BuildAsync().ConfigureAwait(false);
    }

    /// <summary>Holds the connections, looking every few seconds; returns the fewest seen open.</summary>
    private static async Task<int> HoldAsync(LoadFleet fleet, TimeSpan duration, CancellationToken cancellationToken)
    {
        var least = fleet.OpenConnections;
        var ends = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < ends)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), ends);
            if (left <= TimeSpan.Zero) break;
            await Task.Delay(left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            least = Math.Min(least, fleet.OpenConnections);
        }
        return least;
    }
}
