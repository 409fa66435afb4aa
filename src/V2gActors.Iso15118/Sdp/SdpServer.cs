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

    /// <summary>The SDP server port of ISO 15118 (V2G_UDP_SDP_SERVER).</summary>
    public const int DefaultPort = 15118;

    /// <summary>Where EVs send SDP requests on a real link: the IPv6 link-local all-nodes group.</summary>
    public static IPAddress MulticastGroup { get; } = IPAddress.Parse("ff02::1");

    /// <param name="listen">Where to listen (port 0: any free port; the default SDP port is 15118).</param>
    /// <param name="secc">The V2GTP TLS endpoint to announce.</param>
    public static SdpServer Start(IPEndPoint listen, IPEndPoint secc)
    {
        var udp = Bound(listen);
        return new SdpServer(udp, Announcing(secc));
    }

    /// <summary>
    /// Answers SDP requests multicast to ff02::1 on <paramref name="interfaceName"/> (empty: the OS default
    /// interface), as on a real HomePlug link; the unicast server may share the port (both sockets reuse the address).
    /// Throws <see cref="SocketException"/> when the host cannot join the group (no IPv6, no multicast on the link).
    /// </summary>
    public static SdpServer StartMulticast(int port, string interfaceName, IPEndPoint secc)
    {
        var index = InterfaceIndex(interfaceName);
        var udp = Bound(new IPEndPoint(IPAddress.IPv6Any, port));
        try
        {
            udp.JoinMulticastGroup(index, MulticastGroup);
            return new SdpServer(udp, Announcing(secc));
        }
        catch
        {
            udp.Dispose();
            throw;
        }
    }

    /// <summary>The IPv6 interface index of <paramref name="name"/> (0 for empty: let the OS choose).</summary>
    public static int InterfaceIndex(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return 0;
        var nic = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException($"no network interface named '{name}'", nameof(name));
        return nic.GetIPProperties().GetIPv6Properties()?.Index ?? throw new ArgumentException($"interface '{name}' has no IPv6", nameof(name));
    }

    private static UdpClient Bound(IPEndPoint listen)
    {
        var udp = new UdpClient(listen.AddressFamily);
        // Unicast (loopback/link address) and multicast (any address) servers share the SDP port.
        udp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try { udp.Client.Bind(listen); }
        catch { udp.Dispose(); throw; }
        return udp;
    }

    private static SdpResponse Announcing(IPEndPoint secc) => new(secc.Address, (ushort)secc.Port, SdpSecurity.Tls, SdpTransport.Tcp);

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
