using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Node.Hosting;
using V2gActors.Node.Security;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport.Client;

namespace V2gActors.Integration.Tests;

/// <summary>
/// OCPP security profiles 2 (TLS + Basic) and 3 (TLS with client certificates) on the node's TLS listener, with the
/// development PKI: the station id is bound to the certificate's subject CN.
/// </summary>
public sealed class SecurityProfileTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private DevelopmentPki _pki = null!;
    private Uri _wss = null!;

    public async Task InitializeAsync()
    {
        var folder = Path.GetDirectoryName(TempFiles.SqlitePath())!;
        _node = await TestNode.StartAsync(Path.Combine(folder, "node.db"), new Dictionary<string, string?>
        {
            ["V2g:Ocpp:Tls:Urls"] = "https://127.0.0.1:0",
            ["V2g:Ocpp:Tls:PkiFolder"] = Path.Combine(folder, "pki"),
        });
        _pki = _node.App.Services.GetRequiredService<DevelopmentPki>();
        _wss = new UriBuilder(_node.App.ListeningAddress("https")) { Scheme = "wss", Path = "/ocpp" }.Uri;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private Task<OcppClientConnection> Connect(string stationId, string? password, X509Certificate2? certificate = null) =>
        OcppClientConnection.ConnectAsync(_wss, stationId, password, [OcppSubprotocols.Ocpp21], options: new OcppClientOptions
        {
            TrustedCsmsRoot = _pki.CaPublic, ClientCertificate = certificate,
        });

    [Fact]
    public async Task Profile_2_tls_with_basic_auth_is_accepted_and_a_wrong_password_is_refused()
    {
        await using var ok = await Connect("TLS-P2", TestNode.Password);
        Assert.IsType<CallSucceeded>(await ok.CallAsync("Heartbeat", "{}"u8.ToArray(), TimeSpan.FromSeconds(15)));

        var refused = await Assert.ThrowsAsync<OcppConnectException>(() => Connect("TLS-P2", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Profile_3_station_certificate_authenticates_without_a_password()
    {
        await using var connection = await Connect("TLS-P3", password: null, _pki.StationCertificate("TLS-P3"));
        var boot = await connection.CallAsync("BootNotification",
            """{"reason":"PowerUp","chargingStation":{"model":"m","vendorName":"v"}}"""u8.ToArray(), TimeSpan.FromSeconds(15));
        Assert.IsType<CallSucceeded>(boot);
        Assert.Equal(RegistrationStatus.Accepted, (await _node.StateAsync("TLS-P3")).Registration);
    }

    [Fact]
    public async Task A_certificate_of_another_station_is_refused_even_with_the_right_password()
    {
        var refused = await Assert.ThrowsAsync<OcppConnectException>(() =>
            Connect("TLS-VICTIM", TestNode.Password, _pki.StationCertificate("TLS-ATTACKER")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_ca_is_refused()
    {
        using var rogueCa = DevelopmentPki.CreateCa("Rogue root");
        using var rogue = DevelopmentPki.IssueStation(rogueCa, "TLS-ROGUE");
        var exported = X509CertificateLoader.LoadPkcs12(rogue.Export(X509ContentType.Pfx), null);
        var refused = await Assert.ThrowsAsync<OcppConnectException>(() => Connect("TLS-ROGUE", null, exported));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_csms_certificate_does_not_connect()
    {
        using var otherRoot = DevelopmentPki.CreateCa("Some other root");
        await Assert.ThrowsAsync<OcppConnectException>(() =>
            OcppClientConnection.ConnectAsync(_wss, "TLS-P2", TestNode.Password, [OcppSubprotocols.Ocpp21],
                options: new OcppClientOptions { TrustedCsmsRoot = otherRoot }));
    }
}
