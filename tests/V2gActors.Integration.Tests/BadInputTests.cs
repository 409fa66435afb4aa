using System.Net;
using System.Net.WebSockets;
using System.Text;
using V2gActors.Engine.Chargers;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport.Client;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Integration.Tests;

/// <summary>Bad input gets the protocol's own error, the connection survives, and the node keeps serving.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("BootNotification", """{"reason":"PowerUp"}""", OcppErrorCode.OccurrenceConstraintViolation)]
    [InlineData("BootNotification", """{"reason":"PowerUp","chargingStation":{"model":42,"vendorName":"x"}}""", OcppErrorCode.TypeConstraintViolation)]
    [InlineData("BootNotification", """{"reason":"Sneezed","chargingStation":{"model":"m","vendorName":"x"}}""", OcppErrorCode.PropertyConstraintViolation)]
    [InlineData("BootNotification", """{"reason":"PowerUp","chargingStation":{"model":"m","vendorName":"x"},"extra":1}""", OcppErrorCode.ProtocolError)]
    [InlineData("NoSuchAction", """{}""", OcppErrorCode.NotImplemented)]
    public async Task Invalid_payloads_get_the_right_callerror_and_the_connection_keeps_working(string action, string payload, OcppErrorCode expected)
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        await using var client = await OcppClientConnection.ConnectAsync(node.OcppUri, "BAD-001", TestNode.Password, [OcppSubprotocols.Ocpp21]);

        var outcome = await client.CallAsync(action, Encoding.UTF8.GetBytes(payload), TimeSpan.FromSeconds(15));
        var failed = Assert.IsType<CallFailed>(outcome);
        Assert.Equal(expected, failed.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(failed.ErrorDescription));

        var heartbeat = await client.CallAsync("Heartbeat", "{}"u8.ToArray(), TimeSpan.FromSeconds(15));
        Assert.IsType<CallSucceeded>(heartbeat);
        Assert.True(client.IsOpen);
    }

    [Fact]
    public async Task Malformed_frames_are_answered_with_callerror_and_the_station_keeps_working()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(OcppSubprotocols.Ocpp21);
        socket.Options.SetRequestHeader("Authorization",
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"BAD-002:{TestNode.Password}")));
        await socket.ConnectAsync(new Uri(node.OcppUri + "/BAD-002"), CancellationToken.None);

        async Task<string> Exchange(string frame)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
            var buffer = new byte[16 * 1024];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, result.Count);
        }

        Assert.StartsWith("""[4,"-1","RpcFrameworkError""", await Exchange("this is not json"));
        Assert.StartsWith("""[4,"m1","FormatViolation""", await Exchange("""[2,"m1","Heartbeat",[1,2]]"""));
        Assert.StartsWith("""[4,"m2","MessageTypeNotSupported""", await Exchange("""[9,"m2","Heartbeat",{}]"""));
        Assert.StartsWith("""[4,"m3","OccurrenceConstraintViolation""", await Exchange("""[2,"m3","BootNotification",{"reason":"PowerUp"}]"""));
        var boot = await Exchange("""[2,"m4","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"m","vendorName":"v"}}]""");
        Assert.StartsWith("""[3,"m4",""", boot);
        Assert.Contains("\"Accepted\"", boot);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(RegistrationStatus.Accepted, (await node.StateAsync("BAD-002")).Registration);
    }

    [Fact]
    public async Task Wrong_password_unknown_subprotocol_and_missing_credentials_are_refused_at_the_upgrade()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());

        var wrong = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(node.OcppUri, "SEC-001", "not-the-password", [OcppSubprotocols.Ocpp21]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var none = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(node.OcppUri, "SEC-001", null, [OcppSubprotocols.Ocpp21]));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        var protocol = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(node.OcppUri, "SEC-001", TestNode.Password, ["ocpp1.6"]));
        Assert.Equal(HttpStatusCode.BadRequest, protocol.StatusCode);

        await using var ok = await OcppClientConnection.ConnectAsync(node.OcppUri, "SEC-001", TestNode.Password,
            ["ocpp1.6", OcppSubprotocols.Ocpp201, OcppSubprotocols.Ocpp21]);
        Assert.Equal(OcppVersion.V21, ok.Version);
    }

    [Fact]
    public async Task A_new_socket_for_the_same_station_evicts_the_old_one_and_the_entity_follows_the_new_one()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        await using var first = await OcppClientConnection.ConnectAsync(node.OcppUri, "EVICT-1", TestNode.Password, [OcppSubprotocols.Ocpp21]);
        Assert.IsType<CallSucceeded>(await first.CallAsync("Heartbeat", "{}"u8.ToArray(), TimeSpan.FromSeconds(15)));
        await using var second = await OcppClientConnection.ConnectAsync(node.OcppUri, "EVICT-1", TestNode.Password, [OcppSubprotocols.Ocpp201]);
        var reason = await first.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("evicted", reason, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<CallSucceeded>(await second.CallAsync("Heartbeat", "{}"u8.ToArray(), TimeSpan.FromSeconds(15)));
        await Eventually.HoldsAsync(async () => (await node.StateAsync("EVICT-1")) is { Connected: true, Version: OcppVersion.V201 },
            TimeSpan.FromSeconds(10));
    }
}
