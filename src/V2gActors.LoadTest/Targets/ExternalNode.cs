using V2gActors.Engine.Chargers;

namespace V2gActors.LoadTest.Targets;

/// <summary>
/// A node running in its own process (e.g. <c>dotnet run -c Release --project src/V2gActors.Node</c>). Only its
/// sockets are reachable from here, so entity-state checks are skipped; pass its pid to get its resident memory.
/// </summary>
public sealed class ExternalNode(Uri ocppUri, string password, int? processId) : ICsmsTarget
{
    public Uri OcppUri { get; } = ocppUri;
    public string Password { get; } = password;
    public int? NodeProcessId { get; } = processId;
    public string Description => $"separate node at {OcppUri}{(NodeProcessId is { } pid ? $" (pid {pid})" : "")}";

    public Task<ChargerStateView?> TryGetStateAsync(string stationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ChargerStateView?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
