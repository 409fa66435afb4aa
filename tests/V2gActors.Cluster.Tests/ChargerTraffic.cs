using System.Collections.Concurrent;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Ocpp.Rpc;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Cluster.Tests;

/// <summary>A TransactionEvent the CSMS answered with a CALLRESULT: from then on it must be in the journal.</summary>
public sealed record AcknowledgedEvent(string StationId, string TransactionId, int SeqNo, DateTimeOffset At);

/// <summary>
/// Keeps one transaction running on every simulated charger: a Started, then an Updated every <c>interval</c>, each
/// retried with the same seqNo until the CSMS acknowledges it (as a real station's offline queue would; the entity
/// is idempotent on (transactionId, seqNo)). Every CALLRESULT is recorded, so the test can demand each of them back
/// from the journal after a node is lost.
/// </summary>
public sealed class ChargerTraffic : IAsyncDisposable
{
    private readonly ConcurrentQueue<AcknowledgedEvent> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops;
    private readonly TimeSpan _interval;

    public ChargerTraffic(IEnumerable<SimulatedCharger> chargers, TimeSpan interval)
    {
        _interval = interval;
        _loops = [.. chargers.Select(c => Task.Run(() => RunAsync(c, _stop.Token)))];
    }

    public static string TransactionIdOf(string stationId) => $"{stationId}-TX";

    public IReadOnlyList<AcknowledgedEvent> Acknowledged => [.. _acknowledged];

    /// <summary>Stations with at least one acknowledged event after <paramref name="since"/>.</summary>
    public IReadOnlySet<string> AcknowledgedSince(DateTimeOffset since) =>
        _acknowledged.Where(a => a.At > since).Select(a => a.StationId).ToHashSet();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_loops).ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task RunAsync(SimulatedCharger charger, CancellationToken stop)
    {
        var transactionId = TransactionIdOf(charger.StationId);
        var seqNo = 0;
        while (!stop.IsCancellationRequested)
        {
            if (charger.IsConnected && charger.RegistrationStatus == RegistrationStatusEnumType.Accepted)
            {
                var outcome = await charger.CallAsync("TransactionEvent", OcppPayloadCodec.Encode(Event(charger.StationId, transactionId, seqNo)))
                    .ConfigureAwait(false);
                if (outcome is CallSucceeded)
                {
                    _acknowledged.Enqueue(new AcknowledgedEvent(charger.StationId, transactionId, seqNo, DateTimeOffset.UtcNow));
                    seqNo++;
                }
            }
            await Task.Delay(_interval, stop).ConfigureAwait(false);
        }
    }

    private static TransactionEventRequest Event(string stationId, string transactionId, int seqNo)
    {
        var started = seqNo == 0;
        return new TransactionEventRequest
        {
            EventType = started ? TransactionEventEnumType.Started : TransactionEventEnumType.Updated,
            Timestamp = DateTimeOffset.UtcNow,
            TriggerReason = started ? TriggerReasonEnumType.CablePluggedIn : TriggerReasonEnumType.MeterValuePeriodic,
            SeqNo = seqNo,
            TransactionInfo = new TransactionType
            {
                TransactionId = transactionId,
                ChargingState = started ? ChargingStateEnumType.EVConnected : ChargingStateEnumType.Charging,
            },
            Evse = started ? new EVSEType { Id = 1, ConnectorId = 1 } : new EVSEType { Id = 1 },
            IdToken = started ? new IdTokenType { IdToken = $"EMP-{stationId}", Type = "Central" } : null,
        };
    }
}
