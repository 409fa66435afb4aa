using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using V2gActors.Ocpp.Rpc;

namespace V2gActors.Ocpp.Transport.Server;

/// <summary>One accepted charger socket: an <see cref="IOcppConnection"/> over an <see cref="OcppWebSocketPipe"/>.</summary>
internal sealed class OcppServerConnection : IOcppConnection
{
    private readonly OcppWebSocketPipe _pipe;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OcppServerConnection(string stationId, OcppVersion version, EndPoint? remoteEndPoint, WebSocket socket,
        OcppPipeSettings settings, ILogger logger)
    {
        StationId = stationId;
        Version = version;
        RemoteEndPoint = remoteEndPoint;
        _pipe = new OcppWebSocketPipe(socket, version, settings, logger, stationId);
    }

    public string StationId { get; }

    // A GUID, not a per-node counter: connection ids travel to sharded entities on other nodes.
    public string ConnectionId { get; } = Guid.NewGuid().ToString("N");

    public OcppVersion Version { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Completes after the handler's OnClosedAsync has returned; eviction waits for it.</summary>
    public Task Finished => _finished.Task;

    public ValueTask SendAsync(OcppFrame frame, CancellationToken cancellationToken = default) =>
        _pipe.SendAsync(frame, cancellationToken);

    /// <summary>
    /// Starts the close handshake and returns without waiting for it: a handler may call this from inside
    /// OnFrameAsync, which the read loop is awaiting, so waiting here could deadlock.
    /// </summary>
    public Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        _pipe.RequestClose(status, reason);
        return Task.CompletedTask;
    }

    public Task<string> RunAsync(IOcppConnectionHandler handler, CancellationToken aborted) =>
        _pipe.RunAsync(frame => handler.OnFrameAsync(this, frame), aborted);

    /// <summary>Completes the close handshake without delivering frames (the handler refused the connection).</summary>
    public Task<string> DrainAsync(CancellationToken aborted) =>
        _pipe.RunAsync(static _ => ValueTask.CompletedTask, aborted);

    public void MarkFinished() => _finished.TrySetResult();

    public override string ToString() => $"{StationId} ({ConnectionId}, {Version.ToSubprotocol()})";
}
