using V2gActors.LoadTest.Chargers;
using V2gActors.LoadTest.Scenarios;

namespace V2gActors.LoadTest.Stations;

/// <summary>The stations share this process with the node (the default; fine up to ~9,000 stations here).</summary>
public sealed class InProcessStations(LoadFleet fleet) : IDispatchStations
{
    public string Description => "in-process";

    public Task<IReadOnlyList<StationState>> OpenTransactionsAsync(LoadRun run, ISetpointTap tap, int concurrency,
        CancellationToken cancellationToken)
    {
        foreach (var c in fleet.Chargers) c.Tap = tap;
        return fleet.OpenTransactionsAsync(run.Target.OcppUri, run.Target.Password, run.Probe, concurrency, cancellationToken);
    }

    public Task<long> SetpointsReceivedAsync(CancellationToken cancellationToken) => Task.FromResult(fleet.SetpointsReceived);

    public ValueTask DisposeAsync() => fleet.DisposeAsync();
}
