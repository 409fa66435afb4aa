using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Tests.Server;

namespace V2gActors.Ieee2030_5.Tests.Security;

/// <summary>The head-end speaks the CSIP suite (TLS 1.2, ECDHE-ECDSA-AES128-CCM8) and nothing else where it can be pinned.</summary>
public class CsipTlsTests(HeadEndFixture f) : IClassFixture<HeadEndFixture>
{
    [Fact]
    public async Task The_head_end_negotiates_the_CSIP_suite()
    {
        if (!CsipTls.CanPin) return; // the operating system picks the suites there
        await using var tls = await HandshakeAsync(CsipTls.Suite);
        Assert.Equal(CsipTls.Suite, tls.NegotiatedCipherSuite);
        Assert.Equal(SslProtocols.Tls12, tls.SslProtocol);
    }

    [Theory]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)]
    [InlineData(TlsCipherSuite.TLS_AES_128_GCM_SHA256)]
    public async Task A_client_offering_only_other_suites_is_refused(TlsCipherSuite other)
    {
        if (!CsipTls.CanPin) return; // the operating system picks the suites there
        await Assert.ThrowsAnyAsync<Exception>(async () => await (await HandshakeAsync(other, SslProtocols.Tls12 | SslProtocols.Tls13)).DisposeAsync());
    }

    [Fact]
    public async Task Our_CSIP_client_reaches_the_head_end_with_it()
    {
        using var client = f.ClientFor(f.Aggregator);
        var dcap = await client.GetAsync<Resources.DeviceCapability>("/dcap");
        Assert.Equal("/dcap", dcap.Href);
    }

    private async Task<SslStream> HandshakeAsync(TlsCipherSuite suite, SslProtocols protocols = SslProtocols.Tls12)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", f.Server.BaseAddress.Port);
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost", ClientCertificates = [f.Aggregator], EnabledSslProtocols = protocols,
#pragma warning disable CA1416 // the tests that pin suites skip elsewhere
                CipherSuitesPolicy = new CipherSuitesPolicy([suite]),
#pragma warning restore CA1416
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            tcp.Dispose();
            throw;
        }
    }
}
