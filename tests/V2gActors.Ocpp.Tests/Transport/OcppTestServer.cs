using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport;
using V2gActors.Ocpp.Transport.Server;

namespace V2gActors.Ocpp.Tests.Transport;

/// <summary>A real Kestrel on 127.0.0.1 with an ephemeral port, hosting the OCPP endpoint and a recording handler.</summary>
internal sealed class OcppTestServer : IAsyncDisposable
{
    public const string Password = "correct-horse-battery-staple";

    private readonly WebApplication _app;

    private OcppTestServer(WebApplication app, RecordingHandler handler)
    {
        _app = app;
        Handler = handler;
        var address = new Uri(app.Urls.First());
        HttpBase = address;
        OcppBase = new Uri(address, "/ocpp");
        Registry = app.Services.GetRequiredService<OcppConnectionRegistry>();
    }

    public Uri HttpBase { get; }

    public Uri OcppBase { get; }

    public RecordingHandler Handler { get; }

    public OcppConnectionRegistry Registry { get; }

    public static async Task<OcppTestServer> StartAsync(Action<OcppTransportOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("OCPP_TEST_LOG") == "1") builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Debug);
        var handler = new RecordingHandler();
        builder.Services.AddOcppTransport(configure);
        builder.Services.AddSingleton<IOcppConnectionHandler>(handler);
        builder.Services.AddSingleton<IOcppCredentialValidator>(new FixedPasswordValidator(Password));
        var app = builder.Build();
        app.MapOcppWebSockets();
        await app.StartAsync();
        return new OcppTestServer(app, handler);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class FixedPasswordValidator(string password) : IOcppCredentialValidator
    {
        public ValueTask<bool> ValidateAsync(string stationId, string candidate, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(candidate == password);
    }
}

internal abstract record HandlerEvent(IOcppConnection Connection);

internal sealed record Opened(IOcppConnection Connection) : HandlerEvent(Connection);

internal sealed record FrameReceived(IOcppConnection Connection, OcppFrame Frame) : HandlerEvent(Connection);

internal sealed record Closed(IOcppConnection Connection, string Reason) : HandlerEvent(Connection);

/// <summary>
/// Records every callback and plays a tiny CSMS: CALL "Echo" → CALLRESULT with the same payload, "Fail" → CALLERROR
/// NotSupported, "Silent" → no answer, "Throw" → the handler throws.
/// </summary>
internal sealed class RecordingHandler : IOcppConnectionHandler
{
    private readonly List<HandlerEvent> _events = [];

    public IReadOnlyList<HandlerEvent> Events
    {
        get { lock (_events) return _events.ToArray(); }
    }

    public ValueTask OnOpenedAsync(IOcppConnection connection)
    {
        Record(new Opened(connection));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnFrameAsync(IOcppConnection connection, OcppFrame frame)
    {
        Record(new FrameReceived(connection, frame));
        if (frame is not CallFrame call) return ValueTask.CompletedTask;
        return call.Action switch
        {
            "Echo" => connection.SendAsync(new CallResultFrame(call.MessageId, call.Payload)),
            "Fail" => connection.SendAsync(new CallErrorFrame(call.MessageId, OcppErrorCode.NotSupported, "not here", default)),
            "Throw" => throw new InvalidOperationException("handler bug"),
            _ => ValueTask.CompletedTask,
        };
    }

    public ValueTask OnClosedAsync(IOcppConnection connection, string reason)
    {
        Record(new Closed(connection, reason));
        return ValueTask.CompletedTask;
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, int timeoutMs = 10_000) where T : HandlerEvent
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var e in Events)
                if (e is T t && (match is null || match(t))) return t;
            await Task.Delay(10);
        }
        throw new TimeoutException($"No {typeof(T).Name} event arrived; got: {string.Join(", ", Events)}");
    }

    private void Record(HandlerEvent e)
    {
        lock (_events) _events.Add(e);
    }
}

/// <summary>A bare ClientWebSocket for sending bytes the typed client would never produce.</summary>
internal sealed class RawOcppSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocket Socket => _socket;

    public static async Task<RawOcppSocket> ConnectAsync(OcppTestServer server, string stationId, string subprotocol = "ocpp2.1")
    {
        var raw = new RawOcppSocket();
        raw._socket.Options.AddSubProtocol(subprotocol);
        raw._socket.Options.SetRequestHeader("Authorization", new BasicCredentials(stationId, OcppTestServer.Password).ToHeaderValue());
        await raw._socket.ConnectAsync(V2gActors.Ocpp.Transport.Client.OcppClientConnection.StationUri(server.OcppBase, stationId), CancellationToken.None);
        return raw;
    }

    public Task SendTextAsync(string text, bool endOfMessage = true) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage, CancellationToken.None);

    /// <summary>Next text message, or null when the server closed.</summary>
    public async Task<string?> ReceiveTextAsync(int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[128 * 1024];
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(count), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // Complete the close handshake like a well-behaved peer.
                await _socket.CloseOutputAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, _socket.CloseStatusDescription, cts.Token);
                return null;
            }
            count += result.Count;
            if (result.EndOfMessage) return Encoding.UTF8.GetString(buffer, 0, count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(2000);
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception)
            {
                // best effort in teardown
            }
        }
        _socket.Dispose();
    }
}
