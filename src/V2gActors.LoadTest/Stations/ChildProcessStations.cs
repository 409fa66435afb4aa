using V2gActors.LoadTest.Chargers;
using V2gActors.LoadTest.Scenarios;

namespace V2gActors.LoadTest.Stations;

/// <summary>
/// The fleet split over <paramref name="processes"/> station agents (e.g. 10,000 stations as 2 × 5,000), so the
/// in-process node holds only the server side of each connection within this process's file-descriptor limit.
/// Station names and order are those of an in-process <see cref="LoadFleet"/> of the same size.
/// </summary>
public sealed class ChildProcessStations(string prefix, int count, int processes, TimeSpan callTimeout) : IDispatchStations
{
    private readonly List<StationAgentProcess> _agents = [];

    public string Description => $"{_agents.Count} child process(es) {string.Join(", ", _agents.Select(a => $"pid {a.ProcessId}"))}";

    public async Task<IReadOnlyList<StationState>> OpenTransactionsAsync(LoadRun run, ISetpointTap tap, int concurrency,
        CancellationToken cancellationToken)
    {
        var perAgent = Math.Max(1, concurrency / processes);
        foreach (var (from, slice) in Slices(count, processes))
        {
            var options = new StationAgentOptions(run.Target.OcppUri, run.Target.Password, prefix, from, slice, perAgent, callTimeout);
            _agents.Add(StationAgentProcess.Start(options, tap, run.Recorder));
        }
        // The clock is checked before any receipt can matter.
        await Task.WhenAll(_agents.Select(a => a.SyncAsync(cancellationToken))).ConfigureAwait(false);
        var slices = await Task.WhenAll(_agents.Select(a => a.Ready.WaitAsync(cancellationToken))).ConfigureAwait(false);
        return slices.SelectMany(s => s).ToArray();
    }

    public async Task<long> SetpointsReceivedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_agents.Select(a => a.SyncAsync(cancellationToken))).ConfigureAwait(false);
        return _agents.Sum(a => a.Receipts);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_agents.Select(a => a.DisposeAsync().AsTask())).ConfigureAwait(false);
        _agents.Clear();
    }

    /// <summary>Consecutive station numbers (from 1), as even as possible: 10,001 over 2 is 5,001 + 5,000.</summary>
    public static IEnumerable<(int From, int Count)> Slices(int count, int processes)
    {
        var from = 1;
        for (var p = 0; p < processes; p++)
        {
            var slice = count / processes + (p < count % processes ? 1 : 0);
            if (slice == 0) yield break;
            yield return (from, slice);
            from += slice;
        }
    }
}
