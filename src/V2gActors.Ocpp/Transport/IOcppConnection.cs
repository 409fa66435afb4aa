using System.Net;
using System.Net.WebSockets;
using V2gActors.Ocpp.Rpc;

namespace V2gActors.Ocpp.Transport;

/// <summary>
/// One accepted OCPP-J WebSocket, seen from the CSMS. Frames are written by a single writer loop, so
/// <see cref="SendAsync"/> may be called from any thread (e.g. an actor) without interleaving.
/// </summary>
public interface IOcppConnection
{
    /// <summary>Station id from the URL path (…/ocpp/{stationId}), authenticated at the upgrade.</summary>
    string StationId { get; }

    /// <summary>Unique per socket; a reconnect of the same station gets a new id.</summary>
    string ConnectionId { get; }

    OcppVersion Version { get; }

    EndPoint? RemoteEndPoint { get; }

    /// <summary>Queues a frame for sending. Completes when queued, not when written.</summary>
    ValueTask SendAsync(OcppFrame frame, CancellationToken cancellationToken = default);

    /// <summary>Closes the socket (e.g. evicted by a newer connection of the same station).</summary>
    Task CloseAsync(WebSocketCloseStatus status, string reason);
}

/// <summary>
/// What the transport calls for each accepted connection. The transport itself answers frames it cannot
/// parse with the right CALLERROR; only well-formed frames reach <see cref="OnFrameAsync"/>.
/// </summary>
public interface IOcppConnectionHandler
{
    ValueTask OnOpenedAsync(IOcppConnection connection);

    ValueTask OnFrameAsync(IOcppConnection connection, OcppFrame frame);

    ValueTask OnClosedAsync(IOcppConnection connection, string reason);
}
