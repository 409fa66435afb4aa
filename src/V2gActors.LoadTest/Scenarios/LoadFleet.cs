using V2gActors.LoadTest.Chargers;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>N <see cref="LoadCharger"/>s named <c>{prefix}{00001..}</c>, driven together.</summary>
public sealed class LoadFleet : IAsyncDisposable
{
    /// <summary>Closing thousands of sockets at once only measures the kernel; a bounded number is enough.</summary>
    private const int CloseConcurrency = 256;

    private LoadFleet(IReadOnlyList<LoadCharger> chargers) => Chargers = chargers;

    public IReadOnlyList<LoadCharger> Chargers { get; }

    public int Count => Chargers.Count;

    public static LoadFleet Create(string prefix, int count) =>
        new(Enumerable.Range(1, count).Select(i => new LoadCharger($"{prefix}{i:D5}")).ToArray());

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

    public int OpenConnections => Chargers.Count(c => c.IsOpen);

    public async ValueTask DisposeAsync() =>
        await ForEachAsync(CloseConcurrency, async (c, _) => await c.DisposeAsync().ConfigureAwait(false), CancellationToken.None)
            .ConfigureAwait(false);
}
