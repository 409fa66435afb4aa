using System.Net;
using System.Net.NetworkInformation;
using V2gActors.Iso15118.Sdp;

namespace V2gActors.Iso15118.Tests.Sdp;

/// <summary>
/// Runs only where the loopback interface carries IPv6 multicast: tests may send to loopback only, and a real link's
/// ff02::1 would leave the machine. Many sandboxes and containers bring <c>lo</c> up without the MULTICAST flag; there
/// the test is skipped with that reason (run it on a host whose lo has it: <c>ip link set lo multicast on</c>).
/// </summary>
public sealed class LoopbackMulticastFactAttribute : FactAttribute
{
    public LoopbackMulticastFactAttribute()
    {
        if (LoopbackMulticast.Interface() is null)
            Skip = "the loopback interface has no IPv6 multicast here (lo without MULTICAST flag): SDP on ff02::1 is not testable without leaving the machine";
    }
}

internal static class LoopbackMulticast
{
    public static NetworkInterface? Interface() => NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n =>
        n.NetworkInterfaceType == NetworkInterfaceType.Loopback && n.SupportsMulticast && n.Supports(NetworkInterfaceComponent.IPv6));
}

public sealed class SdpMulticastTests
{
    [LoopbackMulticastFact]
    public async Task An_ev_multicasting_to_ff02_1_on_the_link_finds_the_secc()
    {
        var lo = LoopbackMulticast.Interface()!;
        var secc = new IPEndPoint(IPAddress.IPv6Loopback, 15118);
        await using var server = SdpServer.StartMulticast(0, lo.Name, secc);
        var group = new IPAddress(SdpServer.MulticastGroup.GetAddressBytes(), SdpServer.InterfaceIndex(lo.Name));

        var found = await SdpClient.DiscoverAsync(new IPEndPoint(group, server.LocalEndPoint.Port), SdpSecurity.Tls,
            TimeSpan.FromMilliseconds(500), 10, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(secc, found!.EndPoint);
        Assert.True(server.Answered >= 1);
    }

    [Fact]
    public void An_unknown_interface_is_refused_clearly()
    {
        var e = Assert.Throws<ArgumentException>(() => SdpServer.StartMulticast(0, "no-such-nic0", new IPEndPoint(IPAddress.IPv6Loopback, 15118)));
        Assert.Contains("no-such-nic0", e.Message);
    }
}
