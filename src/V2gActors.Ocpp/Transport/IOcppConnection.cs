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

    /// <summary>
    /// Queues a frame for sending. Completes when queued, not when written; waits only when the per-connection send
    /// queue is full. A frame sent after the connection closed is dropped (and logged): the owner learns of the close
    /// from <see cref="IOcppConnectionHandler.OnClosedAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The frame's payload is not a well-formed JSON object (a bug of the sender).</exception>
    ValueTask SendAsync(OcppFrame frame, CancellationToken cancellationToken = default);

    /// <summary>Closes the socket (e.g. evicted by a newer connection of the same station).</summary>
    Task CloseAsync(WebSocketCloseStatus status, string reason);
}

/// <summary>
/// What the transport calls for each accepted connection. The transport itself answers frames it cannot
/// parse with the right CALLERROR; only well-formed frames reach <see cref="OnFrameAsync"/>.
/// </summary>
/// <remarks>
/// Calls per connection: OnOpenedAsync once, then OnFrameAsync per frame in wire order (each awaited before the next
/// frame is read, so keep it short — tell an actor and return — and never wait in it for the answer to an outbound
/// CALL), then OnClosedAsync exactly once. A newer socket of the same station evicts the older one: the old one's
/// OnClosedAsync comes before the new one's OnOpenedAsync. Resolved from DI as a singleton.
/// </remarks>
public interface IOcppConnectionHandler
{
    ValueTask OnOpenedAsync(IOcppConnection connection);

    ValueTask OnFrameAsync(IOcppConnection connection, OcppFrame frame);

    ValueTask OnClosedAsync(IOcppConnection connection, string reason);
}
