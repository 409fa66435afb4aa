using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Ieee2030_5.Client;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Server;

namespace V2gActors.Ieee2030_5.Tests.Server;

/// <summary>A head-end on 127.0.0.1 with a fresh dev PKI, one DER program and certificates for two tenants.</summary>
public sealed class HeadEndFixture : IAsyncLifetime
{
    public static readonly byte[] ProgramMrid = Convert.FromHexString("A1000000000000000000000000000001");

    public DevelopmentPki Pki { get; } = DevelopmentPki.Create();
    public X509Certificate2 Aggregator { get; private set; } = null!;
    public X509Certificate2 OtherTenant { get; private set; } = null!;
    public HeadEndServer Server { get; private set; } = null!;
    public long Now { get; set; } = 1_764_000_000;

    public async Task InitializeAsync()
    {
        Aggregator = Pki.IssueDevice("aggregator-1");
        OtherTenant = Pki.IssueDevice("aggregator-2");
        Server = await HeadEndServer.StartAsync(new HeadEndOptions
        {
            ServerCertificate = Pki.IssueServer(), TrustedRoot = Pki.Root, Port = 0, PollRateSeconds = 1, Clock = () => Now,
        });
        Server.State.Programs.AddProgram(1, "DSO feeder 12", primacy: 1, ProgramMrid,
            new DERControlBase { OpModConnect = true, OpModMaxLimW = 10_000 });
    }

    public SepHttpClient ClientFor(X509Certificate2 certificate) => new(Server.BaseAddress, certificate, Pki.Root);

    /// <summary>A raw HttpClient for sending bytes no well-behaved client would send.</summary>
    public HttpClient RawClient(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // A raw client still has to speak the CSIP suite the 2030.5 endpoints pin.
                EnabledSslProtocols = CsipTls.Protocols, CipherSuitesPolicy = CsipTls.Policy(),
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        return new HttpClient(handler) { BaseAddress = Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Pki.Dispose();
    }
}
