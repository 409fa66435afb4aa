using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Iso15118.Secc;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;

namespace V2gActors.Iso15118.Tests.Secc;

/// <summary>A test MO PKI (root → sub-CA → contract, ECDSA P-256) standing in for the development one.</summary>
internal sealed record TestMoPki(X509Certificate2 Root, X509Certificate2 SubCa, X509Certificate2 Contract)
{
    private static X509Certificate2 Issue(string subject, ECDsa key, X509Certificate2? issuer, bool ca, DateTimeOffset from, DateTimeOffset to)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(ca ? X509KeyUsageFlags.KeyCertSign : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null) return request.CreateSelfSigned(from, to);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, from, to, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    public static TestMoPki Create(DateTimeOffset? contractUntil = null)
    {
        // Valid both on the state-machine scripts' fixed clock (SeccScript.T0) and on the wall clock (transport tests).
        var from = (DateTimeOffset.UtcNow < SeccScript.T0 ? DateTimeOffset.UtcNow : SeccScript.T0).AddDays(-30);
        var to = DateTimeOffset.UtcNow.AddYears(1);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var subKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var root = Issue("CN=Test MO root", rootKey, null, true, from, to.AddDays(2));
        var sub = Issue("CN=Test MO sub-CA", subKey, root, true, from, to.AddDays(1));
        var leaf = Issue("CN=DEV2G1234567890", leafKey, sub, false, from, contractUntil ?? to);
        return new TestMoPki(root, sub, leaf);
    }
}

/// <summary>
/// Plug &amp; Charge authorization: the SECC sends a challenge, the EV echoes it with its contract chain, and the chain must
/// lead to a configured MO root. A test PKI (MO root → MO sub-CA → contract) stands in for the development one.
/// </summary>
public sealed class PncAuthorizationTests
{
    private static SeccScript Script(params X509Certificate2[] roots) =>
        new(SeccOptions.Default() with { PnC = new ContractTrust([.. roots.Select(r => X509CertificateLoader.LoadCertificate(r.RawData))]) });

    private static byte[] Setup(SeccScript s)
    {
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;
        var setup = s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());
        Assert.Equal([Cm.AuthorizationType.EIM, Cm.AuthorizationType.PnC], setup.AuthorizationServices);
        Assert.Null(setup.EIM_ASResAuthorizationMode);
        return setup.PnC_ASResAuthorizationMode!.GenChallenge;
    }

    private static Cm.AuthorizationReqType Pnc(SeccScript s, byte[] challenge, TestMoPki pki) => new()
    {
        Header = s.CmHeader(), SelectedAuthorizationService = Cm.AuthorizationType.PnC,
        PnC_AReqAuthorizationMode = new Cm.PnC_AReqAuthorizationModeType
        {
            Id = "pnc1", GenChallenge = challenge,
            ContractCertificateChain = new Cm.ContractCertificateChainType
            {
                Certificate = pki.Contract.RawData, SubCertificates = new Cm.SubCertificatesType { Certificate = [pki.SubCa.RawData] },
            },
        },
    };

    [Fact]
    public void A_contract_chain_leading_to_a_trusted_mo_root_authorizes_the_session()
    {
        var pki = TestMoPki.Create();
        var s = Script(pki.Root);
        var challenge = Setup(s);
        Assert.Equal(ContractAuthorization.ChallengeLength, challenge.Length);

        var response = s.Send<Cm.AuthorizationResType>(Pnc(s, challenge, pki));

        Assert.Equal(Cm.ResponseCodeType.OK, response.ResponseCode);
        Assert.Equal(SeccState.WaitingForServiceDiscovery, s.Machine.State);
        Assert.Contains("DEV2G1234567890", s.Machine.LastAuthorization);
    }

    [Fact]
    public void An_untrusted_chain_a_wrong_challenge_or_an_expired_contract_is_refused_with_a_warning_and_eim_still_works()
    {
        var trusted = TestMoPki.Create();
        var stranger = TestMoPki.Create();
        var s = Script(trusted.Root);
        var challenge = Setup(s);

        Assert.Equal(Cm.ResponseCodeType.WARNING_CertificateValidationError, s.Send<Cm.AuthorizationResType>(Pnc(s, challenge, stranger)).ResponseCode);
        Assert.Equal(Cm.ResponseCodeType.WARNING_ChallengeInvalid, s.Send<Cm.AuthorizationResType>(Pnc(s, new byte[16], trusted)).ResponseCode);
        Assert.Equal(SeccState.WaitingForAuthorization, s.Machine.State);

        // EIM stays available after a refused contract.
        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.AuthorizationResType>(s.AuthorizationEim()).ResponseCode);
        Assert.Equal(SeccState.WaitingForServiceDiscovery, s.Machine.State);

        var expired = TestMoPki.Create(contractUntil: SeccScript.T0.AddDays(-1));
        var t = Script(expired.Root);
        var c = Setup(t);
        Assert.Equal(Cm.ResponseCodeType.WARNING_CertificateExpired, t.Send<Cm.AuthorizationResType>(Pnc(t, c, expired)).ResponseCode);
    }

    [Fact]
    public void Garbage_instead_of_a_certificate_is_a_validation_error_not_a_crash()
    {
        var pki = TestMoPki.Create();
        var s = Script(pki.Root);
        var challenge = Setup(s);
        var request = Pnc(s, challenge, pki);
        request.PnC_AReqAuthorizationMode!.ContractCertificateChain.Certificate = [0x30, 0x03, 0x01, 0x02];

        Assert.Equal(Cm.ResponseCodeType.WARNING_CertificateValidationError, s.Send<Cm.AuthorizationResType>(request).ResponseCode);
        Assert.Null(s.Machine.End);
    }
}
