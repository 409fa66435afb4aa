using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Ocsp;
using V2gActors.Engine.Chargers.Certificates;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Pki;
using V2gActors.Pki.V2g;
using V2gActors.Simulators.Chargers.Certificates;

namespace V2gActors.Integration.Tests.DerAndCertificates;

/// <summary>ISO 15118 certificate handling (Plug &amp; Charge) between the CSMS and the simulated station over a real WebSocket.</summary>
public sealed class CertificateRoundTripTests
{
    private const string Responder = "http://127.0.0.1/ocsp";

    [Fact]
    public async Task The_csms_signs_the_station_csr_with_the_cpo_sub_ca_and_the_chain_validates_to_the_v2g_root()
    {
        await using var station = await DerStation.StartAsync("PKI-001");
        var pki = station.CertificateAuthority.Pki;

        Assert.Equal(GenericStatusEnumType.Accepted, await station.Charger.RequestCertificateAsync(CertificateSigningUseEnumType.V2GCertificate, requestId: 5));
        await Eventually.HoldsAsync(() => station.Charger.Certificates.Signed(CertificateSigningUseEnumType.V2GCertificate) is not null,
            TimeSpan.FromSeconds(30));
        var chain = station.Charger.Certificates.Signed(CertificateSigningUseEnumType.V2GCertificate)!;
        Assert.True(chain[0].HasPrivateKey);
        Assert.Equal("CN=PKI-001, O=V2gActors", chain[0].Subject);
        AssertChainsTo(pki.V2gRoot, chain);

        Assert.Equal(GenericStatusEnumType.Accepted, await station.Charger.RequestCertificateAsync(CertificateSigningUseEnumType.ChargingStationCertificate));
        await Eventually.HoldsAsync(() => station.Charger.Certificates.Signed(CertificateSigningUseEnumType.ChargingStationCertificate) is not null,
            TimeSpan.FromSeconds(30));

        // The CSMS asks for what the station holds and gets the signed V2G chain by hash.
        var ids = await station.CommandAsync("GetInstalledCertificateIds", """{"certificateType":["V2GCertificateChain"]}""");
        Assert.Contains("\"Accepted\"", ids.ResultJson);
        Assert.Contains(SimulatedCertificateStore.HashData(chain[0], chain[1]).SerialNumber, ids.ResultJson);

        station.AssertEveryFrameValidates("SignCertificate", "CertificateSigned", "GetInstalledCertificateIds");
    }

    [Fact]
    public async Task Roots_are_installed_listed_and_deleted_by_hash()
    {
        await using var station = await DerStation.StartAsync("PKI-002");
        var pki = station.CertificateAuthority.Pki;

        foreach (var (type, root) in new[] { ("V2GRootCertificate", pki.V2gRoot), ("MORootCertificate", pki.MoRoot) })
        {
            var install = await station.CommandAsync("InstallCertificate",
                JsonSerializer.Serialize(new { certificateType = type, certificate = root.ExportCertificatePem() }));
            Assert.Contains("\"Accepted\"", install.ResultJson);
        }
        var garbage = await station.CommandAsync("InstallCertificate", """{"certificateType":"V2GRootCertificate","certificate":"not a certificate"}""");
        Assert.Contains("\"Rejected\"", garbage.ResultJson);

        var ids = await station.CommandAsync("GetInstalledCertificateIds", """{"certificateType":["V2GRootCertificate","MORootCertificate"]}""");
        using var listed = JsonDocument.Parse(ids.ResultJson!);
        var chains = listed.RootElement.GetProperty("certificateHashDataChain").EnumerateArray().ToList();
        Assert.Equal(2, chains.Count);
        var moHash = chains.Single(c => c.GetProperty("certificateType").GetString() == "MORootCertificate").GetProperty("certificateHashData");
        Assert.Equal(CertificateId.Of(pki.MoRoot, pki.MoRoot).SerialNumber, moHash.GetProperty("serialNumber").GetString());

        var delete = await station.CommandAsync("DeleteCertificate", $$"""{"certificateHashData":{{moHash.GetRawText()}}}""");
        Assert.Contains("\"Accepted\"", delete.ResultJson);
        var again = await station.CommandAsync("DeleteCertificate", $$"""{"certificateHashData":{{moHash.GetRawText()}}}""");
        Assert.Contains("\"NotFound\"", again.ResultJson);
        Assert.Empty(station.Charger.Certificates.Installed(GetCertificateIdUseEnumType.MORootCertificate));
        Assert.Single(station.Charger.Certificates.Installed(GetCertificateIdUseEnumType.V2GRootCertificate));

        station.AssertEveryFrameValidates("InstallCertificate", "GetInstalledCertificateIds", "DeleteCertificate");
    }

    [Fact]
    public async Task Ocsp_status_and_contract_authorization_come_from_the_local_responder_and_follow_revocation()
    {
        await using var station = await DerStation.StartAsync("PKI-003");
        var ca = station.CertificateAuthority;
        var pki = ca.Pki;
        var contractChain = ContractHashData(pki);

        var status = await station.Charger.GetCertificateStatusAsync(SimulatedCertificateStore.OcspData(pki.Contract, pki.MoSubCa2, Responder));
        Assert.Equal(GetCertificateStatusEnumType.Accepted, status!.Status);
        var basic = (BasicOcspResp)new OcspResp(Convert.FromBase64String(status.OcspResult!)).GetResponseObject();
        Assert.True(basic.Verify(new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(pki.MoSubCa2.RawData).GetPublicKey()));
        Assert.Null(basic.Responses.Single().GetCertStatus()); // null = good in BouncyCastle

        var authorized = await station.Charger.AuthorizeContractAsync(V2gDevelopmentPki.DefaultEmaid, contractChain);
        Assert.Equal(AuthorizeCertificateStatusEnumType.Accepted, authorized!.CertificateStatus);
        Assert.Equal(AuthorizationStatusEnumType.Accepted, authorized.IdTokenInfo.Status);

        var contractPem = CertificateFiles.ChainPem([.. pki.ContractChain]);
        Assert.Equal(AuthorizeCertificateStatusEnumType.Accepted,
            (await station.Charger.AuthorizeContractAsync(V2gDevelopmentPki.DefaultEmaid, contractPem))!.CertificateStatus);
        // A chain that does not lead to the MO root (the SECC chain leads to the V2G root).
        Assert.Equal(AuthorizeCertificateStatusEnumType.CertChainError,
            (await station.Charger.AuthorizeContractAsync(V2gDevelopmentPki.DefaultEmaid, CertificateFiles.ChainPem([.. pki.SeccChain])))!.CertificateStatus);

        ca.Revoke(pki.Contract, pki.MoSubCa2, DateTimeOffset.UtcNow);
        var revoked = await station.Charger.GetCertificateStatusAsync(SimulatedCertificateStore.OcspData(pki.Contract, pki.MoSubCa2, Responder));
        var revokedBasic = (BasicOcspResp)new OcspResp(Convert.FromBase64String(revoked!.OcspResult!)).GetResponseObject();
        Assert.IsType<RevokedStatus>(revokedBasic.Responses.Single().GetCertStatus());
        var refused = await station.Charger.AuthorizeContractAsync(V2gDevelopmentPki.DefaultEmaid, contractChain);
        Assert.Equal(AuthorizeCertificateStatusEnumType.CertificateRevoked, refused!.CertificateStatus);
        Assert.Equal(AuthorizationStatusEnumType.Invalid, refused.IdTokenInfo.Status);
        Assert.Equal(AuthorizeCertificateStatusEnumType.CertificateRevoked,
            (await station.Charger.AuthorizeContractAsync(V2gDevelopmentPki.DefaultEmaid, contractPem))!.CertificateStatus);

        // A certificate from a CA the responder does not answer for.
        using var foreign = CertificateFactory.SelfSigned(CertificateProfile.Ca("CN=Somebody else's root", TimeSpan.FromDays(2)));
        var unknown = await station.Charger.GetCertificateStatusAsync(SimulatedCertificateStore.OcspData(foreign, foreign, Responder));
        Assert.Equal(GetCertificateStatusEnumType.Failed, unknown!.Status);

        // No contract provider behind this CSMS: the EV certificate request is answered, and Failed says why.
        var ev = await station.Charger.Get15118EVCertificateAsync(Convert.ToBase64String([0x80, 0x8c, 0x04]));
        Assert.Equal(Iso15118EVCertificateStatusEnumType.Failed, ev!.Status);

        station.AssertEveryFrameValidates("GetCertificateStatus", "Authorize", "Get15118EVCertificate");
    }

    private static List<OCSPRequestDataType> ContractHashData(V2gDevelopmentPki pki) =>
    [
        SimulatedCertificateStore.OcspData(pki.Contract, pki.MoSubCa2, Responder),
        SimulatedCertificateStore.OcspData(pki.MoSubCa2, pki.MoSubCa1, Responder),
        SimulatedCertificateStore.OcspData(pki.MoSubCa1, pki.MoRoot, Responder),
    ];

    private static void AssertChainsTo(X509Certificate2 root, IReadOnlyList<X509Certificate2> chain)
    {
        using var builder = new X509Chain { ChainPolicy = CertificateFactory.TrustOnly(root) };
        builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
        Assert.True(builder.Build(chain[0]), string.Join("; ", builder.ChainStatus.Select(s => s.StatusInformation)));
    }
}
