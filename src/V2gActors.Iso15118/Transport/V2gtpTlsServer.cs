using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Iso15118.Secc;
using V2gActors.Iso15118.Tls;

namespace V2gActors.Iso15118.Transport;

public sealed record V2gtpServerOptions(IPEndPoint Listen, X509Certificate2 Certificate, SeccOptions Secc)
{
    /// <summary>A TLS handshake that has not finished by then is dropped (a silent peer must not hold a slot).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The SECC's V2GTP endpoint: TCP, TLS 1.3 only, one SECC session per connection. Each accepted connection asks
/// <c>sessions</c> for the context the session reads its setpoint from (later: the VehicleSession actor's seam).
/// Dispose stops accepting, ends the running sessions and waits for them.
/// </summary>
public sealed class V2gtpTlsServer : IAsyncDisposable
{
    /// <summary>The conventional V2GTP port (SDP announces whichever port is actually used).</summary>
    public const int DefaultPort = 15118;

    private readonly TcpListener _listener;
    private readonly V2gtpServerOptions _options;
    private readonly Func<IPEndPoint, SeccSessionContext> _sessions;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly Task _acceptLoop;
    private int _nextId;

    private V2gtpTlsServer(V2gtpServerOptions options, Func<IPEndPoint, SeccSessionContext> sessions, TimeProvider time)
    {
        _options = options;
        _sessions = sessions;
        _time = time;
        _listener = new TcpListener(options.Listen);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptAsync);
    }

    public static V2gtpTlsServer Start(V2gtpServerOptions options, Func<IPEndPoint, SeccSessionContext> sessions, TimeProvider? time = null) =>
        new(options, sessions, time ?? TimeProvider.System);

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public int ActiveConnections => _connections.Count;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            var id = Interlocked.Increment(ref _nextId);
            _connections[id] = Task.Run(async () =>
            {
                try { await ServeAsync(client); }
                finally { _connections.TryRemove(id, out _); }
            });
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        // The charge loop is small request/response messages: Nagle would add up to 40 ms to each answer.
        client.NoDelay = true;
        var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            handshake.CancelAfter(_options.HandshakeTimeout);
            try
            {
                await tls.AuthenticateAsServerAsync(V2gTls.ServerOptions(_options.Certificate), handshake.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException or SocketException)
            {
                return; // no session existed yet: nothing to report beyond the closed socket
            }
        }
        SeccSessionContext context;
        try { context = _sessions(remote); }
        catch (Exception) { return; } // the host refused (or failed to create) the session: close the socket, keep serving
        await new SeccConnection(tls, _options.Secc, context, _time).RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _acceptLoop; } catch (OperationCanceledException) { }
        await Task.WhenAll(_connections.Values.ToArray()).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        _stop.Dispose();
    }
}
