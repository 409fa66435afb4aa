using System.Diagnostics;
using V2gActors.LoadTest.Chargers;
using V2gActors.LoadTest.Reporting;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// Scenario 2, telemetry flood: N booted stations each open a transaction, then alternate TransactionEvent(Updated) and
/// MeterValues for the configured duration, at a fleet-wide rate or closed-loop (each station sends its next CALL as
/// soon as the previous one is answered; OCPP allows one outstanding CALL per connection). Every one of these is
/// persisted before it is acknowledged, so the throughput is a with-persistence figure. Afterwards every acknowledged
/// TransactionEvent seqNo must be in the entity's state: zero lost.
/// </summary>
public sealed class TelemetryFloodScenario : ILoadScenario
{
    public const string ScenarioName = "telemetry-flood";
    public const string Throughput = "telemetry acknowledged per second";
    public const string ZeroLost = "zero lost";

    /// <summary>Warm-up boots are not what this scenario measures; a bounded ramp keeps them out of the way.</summary>
    private const int DefaultBootConcurrency = 200;

    public string Name => ScenarioName;

    public async Task<ScenarioReport> RunAsync(LoadRun run, CancellationToken cancellationToken)
    {
        var settings = run.Settings;
        var report = new ReportBuilder(Name, run);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        await using var fleet = LoadFleet.Create(settings.StationPrefix, settings.Chargers);

        var concurrency = settings.ConnectConcurrency > 0 ? settings.ConnectConcurrency : DefaultBootConcurrency;
        var accepted = await fleet.ConnectAndBootAsync(run, concurrency, deadline.Token).ConfigureAwait(false);
        report.Check("all Accepted", accepted == fleet.Count, $"{accepted} of {fleet.Count}");

        var opened = 0;
        await fleet.ForEachAsync(concurrency, async (c, _) =>
        {
            if (!c.Accepted) return;
            await c.StatusAsync(run.Probe, ConnectorStatusEnumType.Occupied).ConfigureAwait(false);
            if (await c.StartTransactionAsync(run.Probe).ConfigureAwait(false)) Interlocked.Increment(ref opened);
        }, deadline.Token).ConfigureAwait(false);
        report.Check("all transactions started", opened == fleet.Count, $"{opened} of {fleet.Count}");

        var pacing = Pacing.For(settings.RatePerSecond, fleet.Count);
        var floodStarted = Stopwatch.GetTimestamp();
        var floodEnds = floodStarted + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        long acknowledged = 0, refused = 0;
        await fleet.ForEachAsync(0, async (c, token) =>
        {
            if (c.TransactionId is null) return;
            var (ok, failed) = await FloodAsync(c, run, pacing, floodEnds, token).ConfigureAwait(false);
            Interlocked.Add(ref acknowledged, ok);
            Interlocked.Add(ref refused, failed);
        }, deadline.Token).ConfigureAwait(false);
        var floodSeconds = Stopwatch.GetElapsedTime(floodStarted).TotalSeconds;

        report.Fact(Throughput, acknowledged / floodSeconds, "msgs/s")
            .Fact("telemetry acknowledged", acknowledged, "CALLs")
            .Fact("flood duration", floodSeconds, "s")
            .Check("no refused or timed-out telemetry", refused == 0, $"{refused} CALLERROR/timeout/abort of {acknowledged + refused}");
        await CheckNothingLostAsync(run, fleet, report, deadline.Token).ConfigureAwait(false);
        return await report.BuildAsync().ConfigureAwait(false);
    }

    /// <summary>One station's flood: even steps TransactionEvent(Updated), odd steps MeterValues.</summary>
    private static async Task<(long Ok, long Failed)> FloodAsync(LoadCharger charger, LoadRun run, Pacing pacing, long endsAt,
        CancellationToken cancellationToken)
    {
        long ok = 0, failed = 0;
        var first = Stopwatch.GetTimestamp() + pacing.RandomPhase();
        for (long step = 0; ; step++)
        {
            var due = pacing.IsClosedLoop ? Stopwatch.GetTimestamp() : first + step * pacing.IntervalTicks;
            if (due >= endsAt || cancellationToken.IsCancellationRequested) break;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            var answered = step % 2 == 0
                ? await charger.TransactionUpdateAsync(run.Probe, due).ConfigureAwait(false)
                : await charger.MeterValuesAsync(run.Probe, due).ConfigureAwait(false);
            if (answered) ok++; else failed++;
        }
        return (ok, failed);
    }

    /// <summary>Every TransactionEvent the CSMS acknowledged must be in the entity's state (it replies only after the
    /// event is journaled, so a missing seqNo would be a lost write).</summary>
    private static async Task CheckNothingLostAsync(LoadRun run, LoadFleet fleet, ReportBuilder report, CancellationToken cancellationToken)
    {
        long acked = 0, missing = 0, journalEvents = 0;
        foreach (var charger in fleet.Chargers.Where(c => c.TransactionId is not null))
        {
            var state = await run.Target.TryGetStateAsync(charger.StationId, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                report.Check(ZeroLost, true, "not verifiable: separate node (check its journal with the operator CLI)");
                return;
            }
            journalEvents += state.JournalSequenceNr;
            var transaction = state.OpenTransactions.Concat(state.ClosedTransactions).FirstOrDefault(t => t.TransactionId == charger.TransactionId);
            acked += charger.AckedSeqNos.Count;
            missing += transaction is null ? charger.AckedSeqNos.Count : charger.AckedSeqNos.Count(s => !transaction.SeenSeqNos.Contains(s));
        }
        report.Fact("journal events of the fleet", journalEvents, "events")
            .Check(ZeroLost, missing == 0, $"{acked - missing} of {acked} acknowledged TransactionEvents found in entity state");
    }
}

/// <summary>Per-station send interval for a fleet-wide rate, with a random phase so stations do not send in lockstep.</summary>
public sealed record Pacing(long IntervalTicks)
{
    public bool IsClosedLoop => IntervalTicks <= 0;

    public static Pacing For(double fleetRatePerSecond, int stations) =>
        new(fleetRatePerSecond <= 0 ? 0 : (long)(Stopwatch.Frequency * stations / fleetRatePerSecond));

    public long RandomPhase() => IsClosedLoop ? 0 : Random.Shared.NextInt64(IntervalTicks);
}
