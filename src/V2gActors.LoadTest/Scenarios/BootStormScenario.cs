using System.Diagnostics;
using V2gActors.LoadTest.Reporting;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// Scenario 1, boot storm: N stations open their WebSockets and send BootNotification at the same moment (as after a
/// site-wide power cut). Measures the time until the last one is Accepted and the BootNotification latency histogram.
/// </summary>
public sealed class BootStormScenario : ILoadScenario
{
    public const string ScenarioName = "boot-storm";
    public const string TimeToAllAccepted = "time to all Accepted";

    public string Name => ScenarioName;

    public async Task<ScenarioReport> RunAsync(LoadRun run, CancellationToken cancellationToken)
    {
        var settings = run.Settings;
        var report = new ReportBuilder(Name, run);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        await using var fleet = LoadFleet.Create(settings.StationPrefix, settings.Chargers);

        var started = Stopwatch.GetTimestamp();
        var accepted = await fleet.ConnectAndBootAsync(run, settings.ConnectConcurrency, deadline.Token).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);

        report.Fact(TimeToAllAccepted, elapsed.TotalSeconds, "s")
            .Fact("boots Accepted per second", accepted / Math.Max(elapsed.TotalSeconds, 1e-9), "1/s")
            // Stations the node's admission gate (V2g:Registration:BootsPerSecond) told to come back; each did.
            .Fact("Pending answers, retried after their interval", fleet.Chargers.Sum(c => c.PendingAnswers), "")
            .Check("all Accepted", accepted == fleet.Count, $"{accepted} of {fleet.Count}")
            .Check("all BootNotification answers recorded",
                await run.FramesArrivedAsync("BootNotification", accepted, TimeSpan.FromSeconds(30)).ConfigureAwait(false) && accepted == fleet.Count,
                $"recorder awaited {fleet.Count}");
        await CheckRegisteredAsync(run, fleet, report, deadline.Token).ConfigureAwait(false);
        return await report.BuildAsync().ConfigureAwait(false);
    }

    /// <summary>Accepted on the wire must mean registered in the entity: asks a sample of entities (all up to 200).</summary>
    private static async Task CheckRegisteredAsync(LoadRun run, LoadFleet fleet, ReportBuilder report, CancellationToken cancellationToken)
    {
        var sample = fleet.Chargers.Where(c => c.Accepted).Take(200).ToArray();
        var registered = 0;
        var askable = true;
        foreach (var charger in sample)
        {
            var state = await run.Target.TryGetStateAsync(charger.StationId, cancellationToken).ConfigureAwait(false);
            if (state is null) { askable = false; break; }
            if (state.Registration == Engine.Chargers.RegistrationStatus.Accepted) registered++;
        }
        report.Check("entities registered", !askable || registered == sample.Length,
            askable ? $"{registered} of {sample.Length} sampled entities are registered Accepted" : "not verifiable: separate node");
    }
}
