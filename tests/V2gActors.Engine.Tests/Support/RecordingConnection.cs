using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Engine.Tests.Support;

/// <summary>An <see cref="IOcppConnection"/> that records the frames the CSMS writes, in order.</summary>
internal sealed class RecordingConnection(string stationId, string connectionId, OcppVersion version) : IOcppConnection
{
    private readonly BlockingCollection<OcppFrame> _sent = new();

    public string StationId { get; } = stationId;
    public string ConnectionId { get; } = connectionId;
    public OcppVersion Version { get; } = version;
    public EndPoint? RemoteEndPoint => null;
    public WebSocketCloseStatus? ClosedWith { get; private set; }

    public ValueTask SendAsync(OcppFrame frame, CancellationToken cancellationToken = default)
    {
        _sent.Add(frame, cancellationToken);
        return ValueTask.CompletedTask;
    }

    public Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        ClosedWith = status;
        return Task.CompletedTask;
    }

    public T Expect<T>(TimeSpan? timeout = null) where T : OcppFrame
    {
        if (!_sent.TryTake(out var frame, timeout ?? TimeSpan.FromSeconds(3)))
            throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} was written.");
        return frame as T ?? throw new Xunit.Sdk.XunitException($"Expected {typeof(T).Name} but {frame.GetType().Name} was written: {frame}");
    }

    public void ExpectNothing(TimeSpan? within = null)
    {
        if (_sent.TryTake(out var frame, within ?? TimeSpan.FromMilliseconds(300)))
            throw new Xunit.Sdk.XunitException($"Unexpected frame {frame}");
    }
}
