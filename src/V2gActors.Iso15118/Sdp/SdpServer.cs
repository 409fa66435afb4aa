using System.Net;
using System.Net.Sockets;

namespace V2gActors.Iso15118.Sdp;

/// <summary>
/// Answers SDP requests on UDP with the SECC's V2GTP endpoint. This SECC only offers TLS over TCP (-20 requires
/// TLS), so a request for an unsecured or UDP connection still gets the TLS/TCP endpoint: the EV decides whether to
/// accept it. Malformed datagrams are dropped. One instance per listening address; dispose to stop.
/// </summary>
public sealed class SdpServer : IAsyncDisposable
{
    private readonly UdpClient _udp;
    private readonly SdpResponse _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private SdpServer(UdpClient udp, SdpResponse answer)
    {
        _udp = udp;
        _answer = answer;
        _loop = Task.Run(ServeAsync);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    /// <summary>Requests answered so far (for tests and status).</summary>
    public int Answered => Volatile.Read(ref _answered);
    private int _answered;

    /// <param name="listen">Where to listen (port 0: any free port; the default SDP port is 15118).</param>
    /// <param name="secc">The V2GTP TLS endpoint to announce.</param>
    public static SdpServer Start(IPEndPoint listen, IPEndPoint secc)
    {
        var udp = new UdpClient(listen.AddressFamily);
        udp.Client.Bind(listen);
        return new SdpServer(udp, new SdpResponse(secc.Address, (ushort)secc.Port, SdpSecurity.Tls, SdpTransport.Tcp));
    }

    private async Task ServeAsync()
    {
        var reply = _answer.ToDatagram();
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try { received = await _udp.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // e.g. ICMP port unreachable from an earlier reply: keep serving
            if (SdpRequest.TryParse(received.Buffer) is null) continue;
            try
            {
                await _udp.SendAsync(reply, received.RemoteEndPoint, _stop.Token);
                Interlocked.Increment(ref _answered);
            }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
