using System.Net;
using System.Net.Sockets;
using V2gActors.Iso15118.Sdp;

namespace V2gActors.Iso15118.Tests.Sdp;

public sealed class SdpTests
{
    [Fact]
    public void The_request_is_a_v2gtp_frame_of_type_9000_with_security_and_transport()
    {
        Assert.Equal("01FE900000000002" + "0000", Convert.ToHexString(new SdpRequest(SdpSecurity.Tls, SdpTransport.Tcp).ToDatagram()));
        Assert.Equal(new SdpRequest(SdpSecurity.None, SdpTransport.Tcp), SdpRequest.TryParse(Convert.FromHexString("01FE9000000000021000")));
    }

    [Fact]
    public void The_response_carries_an_ipv6_address_port_security_and_transport()
    {
        var response = new SdpResponse(IPAddress.Loopback, 15118, SdpSecurity.Tls, SdpTransport.Tcp);
        var bytes = response.ToDatagram();

        Assert.Equal("01FE900100000014" + "00000000000000000000FFFF7F000001" + "3B0E" + "00" + "00", Convert.ToHexString(bytes));
        var parsed = SdpResponse.TryParse(bytes)!;
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 15118), parsed.EndPoint);
        Assert.Equal(SdpSecurity.Tls, parsed.Security);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01FE9000000000020000FF")]   // trailing byte
    [InlineData("01FE900000000003000000")]   // wrong length
    [InlineData("01FE9001000000020000")]     // a response type where a request is expected
    [InlineData("02FD9000000000020000")]     // wrong protocol version
    [InlineData("01FE9000000000022000")]     // unknown security value
    public void Anything_but_one_well_formed_request_is_not_a_request(string hex) =>
        Assert.Null(SdpRequest.TryParse(Convert.FromHexString(hex)));

    [Fact]
    public async Task The_server_answers_a_request_on_loopback_and_ignores_garbage()
    {
        var loopback = SdpClient.LoopbackAddress();
        var secc = new IPEndPoint(loopback, 64_000);
        await using var server = SdpServer.Start(new IPEndPoint(loopback, 0), secc);

        using (var raw = new UdpClient(loopback.AddressFamily))
            await raw.SendAsync(new byte[] { 1, 2, 3 }, server.LocalEndPoint);
        var found = await SdpClient.DiscoverAsync(server.LocalEndPoint, SdpSecurity.Tls, TimeSpan.FromMilliseconds(500), 10, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(secc, found!.EndPoint);
        Assert.Equal(SdpSecurity.Tls, found.Security);
        Assert.Equal(SdpTransport.Tcp, found.Transport);
        Assert.True(server.Answered >= 1);
    }

    [Fact]
    public async Task Discovery_gives_up_after_its_attempts_when_nobody_answers()
    {
        var loopback = SdpClient.LoopbackAddress();
        using var silent = new UdpClient(new IPEndPoint(loopback, 0));

        var found = await SdpClient.DiscoverAsync((IPEndPoint)silent.Client.LocalEndPoint!, SdpSecurity.Tls, TimeSpan.FromMilliseconds(50), 3, CancellationToken.None);

        Assert.Null(found);
    }
}
