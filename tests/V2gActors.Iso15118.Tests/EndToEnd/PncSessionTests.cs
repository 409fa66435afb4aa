using System.Security.Cryptography.X509Certificates;
using V2gActors.Iso15118.Secc;
using V2gActors.Iso15118.Tests.Secc;
using V2gActors.Simulators.Vehicles;

namespace V2gActors.Iso15118.Tests.EndToEnd;

/// <summary>Plug &amp; Charge over TLS 1.3 on loopback: the EV's contract chain against the SECC's MO roots.</summary>
public sealed class PncSessionTests
{
    private static async Task<EvccSessionResult> RunAsync(TestMoPki ev, X509Certificate2 trustedRoot)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var options = SeccOptions.Default() with
        {
            CableCheckDuration = TimeSpan.FromMilliseconds(50),
            PnC = new ContractTrust([X509CertificateLoader.LoadCertificate(trustedRoot.RawData)]),
        };
        await using var secc = LoopbackSecc.Start(options);
        return await EvccSimulator.RunAsync(new EvccSimulatorOptions
        {
            SdpServer = secc.Sdp.LocalEndPoint,
            TrustedRoot = secc.Pki.RootPublic,
            MessageTimeout = TimeSpan.FromSeconds(10),
            ChargeLoopInterval = TimeSpan.FromMilliseconds(10),
            MaxChargeLoops = 5,
            Contract = new ContractCredentials(ev.Contract.RawData, [ev.SubCa.RawData]),
        }, timeout.Token);
    }

    [Fact]
    public async Task An_ev_with_a_contract_from_a_trusted_mo_authorizes_with_pnc_and_charges()
    {
        var pki = TestMoPki.Create();
        var result = await RunAsync(pki, pki.Root);

        Assert.True(result.Completed, result.Failure);
        Assert.Contains("Authorization: OK", result.Exchanges);
        Assert.Equal(5, result.ChargeLoops.Count);
    }

    [Fact]
    public async Task A_contract_from_an_unknown_mo_is_refused()
    {
        var result = await RunAsync(TestMoPki.Create(), TestMoPki.Create().Root);

        Assert.False(result.Completed);
        Assert.Contains("WARNING_CertificateValidationError", result.Failure);
    }
}
