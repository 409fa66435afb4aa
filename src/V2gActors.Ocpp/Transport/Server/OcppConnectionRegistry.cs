using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace V2gActors.Ocpp.Transport.Server;

/// <summary>
/// The live OCPP sockets on this node, by station id (ordinal: ids are case-sensitive as the charger sends them).
/// Local to the node by design: the cluster-wide view is the sharded Charger entity, which sends through whichever
/// connection it last heard from.
/// </summary>
public sealed class OcppConnectionRegistry
{
    private readonly ConcurrentDictionary<string, IOcppConnection> _byStation = new(StringComparer.Ordinal);

    public int Count => _byStation.Count;

    public bool TryGet(string stationId, [NotNullWhen(true)] out IOcppConnection? connection) =>
        _byStation.TryGetValue(stationId, out connection);

    /// <summary>A moment-in-time copy, safe to enumerate while connections come and go.</summary>
    public IReadOnlyCollection<IOcppConnection> Snapshot() => _byStation.Values.ToArray();

    /// <summary>Makes <paramref name="connection"/> current for its station; returns the connection it replaced, if any.</summary>
    internal IOcppConnection? Register(IOcppConnection connection)
    {
        // Explicit CAS loop instead of AddOrUpdate: AddOrUpdate may run its update delegate for an attempt that then
        // loses the race, which would report a stale "previous" connection.
        while (true)
        {
            if (_byStation.TryGetValue(connection.StationId, out var previous))
            {
                if (_byStation.TryUpdate(connection.StationId, connection, previous)) return previous;
            }
            else if (_byStation.TryAdd(connection.StationId, connection))
            {
                return null;
            }
        }
    }

    /// <summary>Removes the entry only if it is still this connection (a newer one may already have replaced it).</summary>
    internal bool Unregister(IOcppConnection connection) =>
        _byStation.TryRemove(KeyValuePair.Create(connection.StationId, connection));
}
