using System.Net;
using System.Net.Sockets;

namespace V2gActors.Iso15118.Sdp;

/// <summary>
/// The EV side of SDP: send a request, wait up to <c>timeout</c> for an answer, retry a bounded number of times
/// (ISO 15118-2 uses 250 ms and up to 50 tries; tests use fewer). Real EVs multicast to ff02::1 port 15118; this client
/// sends to whatever endpoint it is given, which on loopback is the SDP server itself.
/// </summary>
public static class SdpClient
{
    public static async Task<SdpResponse?> DiscoverAsync(IPEndPoint sdpServer, SdpSecurity security, TimeSpan timeout,
        int attempts, CancellationToken ct)
    {
        using var udp = new UdpClient(sdpServer.AddressFamily);
        var request = new SdpRequest(security, SdpTransport.Tcp).ToDatagram();
        for (var i = 0; i < attempts; i++)
        {
            ct.ThrowIfCancellationRequested();
            await udp.SendAsync(request, sdpServer, ct);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(timeout);
            try
            {
                while (true)
                {
                    var received = await udp.ReceiveAsync(wait.Token);
                    if (SdpResponse.TryParse(received.Buffer) is { } response) return response;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            catch (SocketException) { }
        }
        return null;
    }

    /// <summary>IPv6 loopback when the host has it, else IPv4 loopback (containers often lack ::1).</summary>
    public static IPAddress LoopbackAddress()
    {
        if (!Socket.OSSupportsIPv6) return IPAddress.Loopback;
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return IPAddress.IPv6Loopback;
        }
        catch (SocketException) { return IPAddress.Loopback; }
    }
}
