using System.Collections.Concurrent;
using V2gActors.LoadTest.Chargers;
using V2gActors.LoadTest.Recording;
using V2gActors.LoadTest.Stations;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>N <see cref="LoadCharger"/>s named <c>{prefix}{00001..}</c> (or from a later number, when a station agent
/// hosts one slice of a larger fleet), driven together.</summary>
public sealed class LoadFleet : IAsyncDisposable
{
    /// <summary>Closing thousands of sockets at once only measures the kernel; a bounded number is enough.</summary>
    private const int CloseConcurrency = 256;

    private LoadFleet(IReadOnlyList<LoadCharger> chargers) => Chargers = chargers;

    public IReadOnlyList<LoadCharger> Chargers { get; }

    public int Count => Chargers.Count;

    public static LoadFleet Create(string prefix, int count) => Create(prefix, first: 1, count);

    public static LoadFleet Create(string prefix, int first, int count) =>
        new(Enumerable.Range(first, count).Select(i => new LoadCharger($"{prefix}{i:D5}")).ToArray());

    /// <summary>Runs <paramref name="action"/> for every charger, <paramref name="concurrency"/> at a time (0 = all at once).</summary>
    public Task ForEachAsync(int concurrency, Func<LoadCharger, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        concurrency <= 0
            ? Task.WhenAll(Chargers.Select(c => Task.Run(() => action(c, cancellationToken), cancellationToken)))
            : Parallel.ForEachAsync(Chargers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (c, token) => await action(c, token).ConfigureAwait(false));

    /// <summary>WebSocket upgrade then BootNotification for every charger; returns how many were Accepted.</summary>
    public async Task<int> ConnectAndBootAsync(LoadRun run, int concurrency, CancellationToken cancellationToken)
    {
        await ForEachAsync(concurrency, async (charger, token) =>
        {
            if (await charger.ConnectAsync(run.Target.OcppUri, run.Target.Password, run.Probe, token).ConfigureAwait(false))
                await charger.BootAsync(run.Probe, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return Chargers.Count(c => c.Accepted);
    }

    /// <summary>
    /// Upgrade, BootNotification, StatusNotification(Occupied) and TransactionEvent(Started) for every charger: what a
    /// station needs before the dispatch scenarios enrol it as a vehicle session. In one pass per charger so a station
    /// agent can report its slice as soon as it is ready.
    /// </summary>
    public async Task<IReadOnlyList<StationState>> OpenTransactionsAsync(Uri csms, string password, LatencyProbe probe,
        int concurrency, CancellationToken cancellationToken)
    {
        var started = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await ForEachAsync(concurrency, async (c, token) =>
        {
            if (!await c.ConnectAsync(csms, password, probe, token).ConfigureAwait(false) || !await c.BootAsync(probe).ConfigureAwait(false))
                return;
            await c.StatusAsync(probe, ConnectorStatusEnumType.Occupied).ConfigureAwait(false);
            if (await c.StartTransactionAsync(probe).ConfigureAwait(false)) started[c.StationId] = c.TransactionId!;
        }, cancellationToken).ConfigureAwait(false);
        return Chargers.Select(c => new StationState(c.StationId, c.Accepted, started.GetValueOrDefault(c.StationId))).ToArray();
    }

    /// <summary>Setpoint frames received by all chargers (SetChargingProfile + UpdateDynamicSchedule).</summary>
    public long SetpointsReceived => Chargers.Sum(c => (long)c.SetpointsReceived);

    public int OpenConnections => Chargers.Count(c => c.IsOpen);

    public async ValueTask DisposeAsync() =>
        await ForEachAsync(CloseConcurrency, async (c, _) => await c.DisposeAsync().ConfigureAwait(false), CancellationToken.None)
            .ConfigureAwait(false);
}
