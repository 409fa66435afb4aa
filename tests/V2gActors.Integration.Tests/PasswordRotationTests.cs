using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Credentials;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Transport.Client;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Integration.Tests;

/// <summary>
/// OCPP 2.x A01 over real sockets: the CSMS sends a new BasicAuthPassword with SetVariables, the station reconnects
/// with it, and the old password no longer opens a connection for that station.
/// </summary>
public sealed class PasswordRotationTests
{
    [Fact]
    public async Task A_rotated_password_replaces_the_configured_one()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        var options = node.SimulatorOptions() with { PlugInAfter = null, ReconnectDelay = TimeSpan.FromMilliseconds(200) };
        await using var station = new SimulatedCharger("ROT-1", options);
        station.Start();
        await Eventually.HoldsAsync(() => station.RegistrationStatus is not null && station.IsConnected, TimeSpan.FromSeconds(60));

        var region = await node.App.Services.GetRequiredService<ActorRegistry>().GetAsync<StationCredentialRegion>();
        var ended = await region.Ask<StationPasswordRotationEnded>(new RotateStationPassword("ROT-1"), TimeSpan.FromSeconds(60));
        Assert.True(ended.Rotated, ended.Reason);

        // The station closed its socket and came back with the new password.
        await Eventually.HoldsAsync(async () => station.IsConnected &&
            (await node.StateAsync("ROT-1")).Connected, TimeSpan.FromSeconds(60));
        Assert.NotNull((await region.Ask<StationCredentialsView>(new GetStationCredentials("ROT-1"), TimeSpan.FromSeconds(10))).CurrentHash);

        // The configured (old) password is no longer good for this station; other stations still use it.
        var refused = await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(node.OcppUri, "ROT-1", TestNode.Password, [OcppSubprotocols.Ocpp21]));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await using var other = await OcppClientConnection.ConnectAsync(node.OcppUri, "ROT-2", TestNode.Password, [OcppSubprotocols.Ocpp21]);
        Assert.True(other.IsOpen);
    }
}
