using System.Net;
using V2gActors.Ocpp.Transport.Client;

namespace V2gActors.Ocpp.Tests.Transport;

public class HandshakeTests
{
    private static string Basic(string user, string password) =>
        new V2gActors.Ocpp.Transport.Server.BasicCredentials(user, password).ToHeaderValue();

    [Fact]
    public async Task Prefers_ocpp21_when_both_are_offered()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-21", OcppTestServer.Password,
            [OcppSubprotocols.Ocpp201, OcppSubprotocols.Ocpp21]);

        Assert.Equal(OcppVersion.V21, client.Version);
        Assert.Equal("ocpp2.1", client.Subprotocol);
        var opened = await server.Handler.WaitForAsync<Opened>();
        Assert.Equal(OcppVersion.V21, opened.Connection.Version);
        Assert.Equal("CS-21", opened.Connection.StationId);
        Assert.NotNull(opened.Connection.RemoteEndPoint);
    }

    [Fact]
    public async Task Accepts_ocpp201_alone()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-201", OcppTestServer.Password,
            [OcppSubprotocols.Ocpp201]);

        Assert.Equal(OcppVersion.V201, client.Version);
        Assert.Equal(OcppVersion.V201, (await server.Handler.WaitForAsync<Opened>()).Connection.Version);
    }

    [Fact]
    public async Task Refuses_unknown_subprotocol_with_400()
    {
        await using var server = await OcppTestServer.StartAsync();
        var ex = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(server.OcppBase, "CS1", OcppTestServer.Password, ["ocpp1.6"]));
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);

        var raw = await RawHttp.UpgradeAsync(server.HttpBase, "/ocpp/CS1", "ocpp1.6, ocpp2.0", Basic("CS1", OcppTestServer.Password));
        Assert.Equal(400, raw.Status);
        Assert.Contains("ocpp1.6", raw.Body);
        Assert.Empty(server.Handler.Events);
    }

    [Fact]
    public async Task Refuses_missing_subprotocol_with_400()
    {
        await using var server = await OcppTestServer.StartAsync();
        var ex = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(server.OcppBase, "CS1", OcppTestServer.Password, []));
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);

        var raw = await RawHttp.UpgradeAsync(server.HttpBase, "/ocpp/CS1", null, Basic("CS1", OcppTestServer.Password));
        Assert.Equal(400, raw.Status);
        Assert.Contains("no Sec-WebSocket-Protocol", raw.Body);
    }

    [Fact]
    public async Task Server_restricted_to_201_refuses_a_21_only_client()
    {
        await using var server = await OcppTestServer.StartAsync(o => o.Subprotocols = [OcppSubprotocols.Ocpp201]);
        var ex = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(server.OcppBase, "CS1", OcppTestServer.Password, [OcppSubprotocols.Ocpp21]));
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
    }

    [Fact]
    public async Task Basic_auth_accepts_the_right_password_and_challenges_otherwise()
    {
        await using var server = await OcppTestServer.StartAsync();

        var ok = await RawHttp.UpgradeAsync(server.HttpBase, "/ocpp/CS1", "ocpp2.1", Basic("CS1", OcppTestServer.Password));
        Assert.Equal(101, ok.Status);
        Assert.Contains("Sec-WebSocket-Protocol: ocpp2.1", ok.Head, StringComparison.OrdinalIgnoreCase);

        foreach (var authorization in new[] { null, Basic("CS1", "wrong"), Basic("CS2", OcppTestServer.Password), "Bearer abc", "Basic !!!" })
        {
            var refused = await RawHttp.UpgradeAsync(server.HttpBase, "/ocpp/CS1", "ocpp2.1", authorization);
            Assert.Equal(401, refused.Status);
            Assert.Contains("WWW-Authenticate: Basic", refused.Head, StringComparison.OrdinalIgnoreCase);
        }

        var ex = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(server.OcppBase, "CS1", "wrong-password", OcppSubprotocols.Supported));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task Password_may_contain_a_colon()
    {
        await using var server = await OcppTestServer.StartAsync();
        var raw = await RawHttp.UpgradeAsync(server.HttpBase, "/ocpp/CS1", "ocpp2.1", Basic("CS1", "a:b"));
        Assert.Equal(401, raw.Status); // parsed (not malformed) but wrong; the right password still works:
        Assert.Equal(101, (await RawHttp.UpgradeAsync(server.HttpBase, "/ocpp/CS1", "ocpp2.1", Basic("CS1", OcppTestServer.Password))).Status);
    }

    [Fact]
    public async Task Dev_mode_without_basic_auth_accepts_no_credentials()
    {
        await using var server = await OcppTestServer.StartAsync(o => o.RequireBasicAuth = false);
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "DEV-1", null, OcppSubprotocols.Supported);
        Assert.Equal(OcppVersion.V21, client.Version);
    }

    [Theory]
    [InlineData("/ocpp/CS%3A1")]
    [InlineData("/ocpp/CS%201")]
    [InlineData("/ocpp/%C3%A9t%C3%A9")]
    [InlineData("/ocpp/0123456789012345678901234567890123456789012345678")]
    public async Task Refuses_invalid_station_ids_with_400(string path)
    {
        await using var server = await OcppTestServer.StartAsync(o => o.RequireBasicAuth = false);
        var raw = await RawHttp.UpgradeAsync(server.HttpBase, path, "ocpp2.1", null);
        Assert.Equal(400, raw.Status);
    }

    [Fact]
    public async Task Plain_http_request_is_refused()
    {
        await using var server = await OcppTestServer.StartAsync();
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(server.HttpBase, "/ocpp/CS1"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(server.HttpBase, "/elsewhere"))).StatusCode);
    }
}
