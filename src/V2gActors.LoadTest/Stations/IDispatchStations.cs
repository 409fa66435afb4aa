using V2gActors.LoadTest.Chargers;
using V2gActors.LoadTest.Scenarios;

namespace V2gActors.LoadTest.Stations;

/// <summary>
/// Where the dispatch scenarios' load stations live: in this process (the default), or in station-agent child
/// processes so that a 10,000-station fleet and the in-process node do not share one file-descriptor limit.
/// Either way every setpoint receipt reaches the scenario's <see cref="ISetpointTap"/> with the timestamp the
/// station took, so reports and checks do not depend on where the stations ran.
/// </summary>
public interface IDispatchStations : IAsyncDisposable
{
    /// <summary>For the report: "in-process" or "2 child processes".</summary>
    string Description { get; }

    /// <summary>Connects, boots and opens a transaction at every station (<paramref name="concurrency"/> in flight
    /// overall); returns each station's state in fleet order.</summary>
    Task<IReadOnlyList<StationState>> OpenTransactionsAsync(LoadRun run, ISetpointTap tap, int concurrency, CancellationToken cancellationToken);

    /// <summary>Setpoint frames received so far by all stations, including every receipt a station saw before this
    /// call (a child is asked, so none is still in its pipe).</summary>
    Task<long> SetpointsReceivedAsync(CancellationToken cancellationToken);
}

public static class DispatchStations
{
    /// <summary>In-process stations unless <see cref="LoadScenarioSettings.StationProcesses"/> asks for child processes.</summary>
    public static IDispatchStations For(LoadScenarioSettings settings) => settings.StationProcesses > 0
        ? new ChildProcessStations(settings.StationPrefix, settings.Chargers, settings.StationProcesses, settings.CallTimeout)
        : new InProcessStations(LoadFleet.Create(settings.StationPrefix, settings.Chargers));
}
