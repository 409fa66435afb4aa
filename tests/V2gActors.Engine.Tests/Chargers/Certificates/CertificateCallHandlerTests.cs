using System.Security.Cryptography.X509Certificates;
using System.Text;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.Certificates;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Pki;

namespace V2gActors.Engine.Tests.Chargers.Certificates;

/// <summary>The pure CSMS side of the certificate messages, against a development V2G PKI in a temporary folder.</summary>
public sealed class CertificateCallHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "v2gactors-engine-tests", Guid.NewGuid().ToString("N"));
    private readonly CsmsCertificateAuthority _ca;
    private readonly ChargerSettings _settings;

    public CertificateCallHandlerTests()
    {
        _ca = new CsmsCertificateAuthority(_folder);
        _settings = ChargerSettings.Default with { Certificates = _ca };
    }

    [Fact]
    public void A_valid_csr_is_accepted_and_followed_by_certificate_signed_with_the_cpo_chain()
    {
        using var key = CertificateFactory.NewKey();
        var csr = CertificateFactory.CreateSigningRequestPem("CN=CS-1, O=Test", key);

        var decision = Handle(new SignCertificateRequest { Csr = csr, CertificateType = CertificateSigningUseEnumType.V2GCertificate, RequestId = 9 });

        Assert.Equal(GenericStatusEnumType.Accepted, Assert.IsType<SignCertificateResponse>(decision.Response).Status);
        var next = Assert.Single(decision.Then);
        Assert.Equal("CertificateSigned", next.Action);
        var signed = OcppPayloadCodec.Decode<CertificateSignedRequest>(Encoding.UTF8.GetBytes(next.PayloadJson));
        Assert.Equal(9, signed.RequestId);
        var chain = CertificateFiles.ParseChainPem(signed.CertificateChain);
        Assert.Equal(["CN=CS-1, O=Test", _ca.Pki.CpoSubCa2.Subject, _ca.Pki.CpoSubCa1.Subject], chain.Select(c => c.Subject));
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), chain[0].GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_csr_that_does_not_parse_is_rejected_and_nothing_follows()
    {
        var decision = Handle(new SignCertificateRequest { Csr = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----" });
        Assert.Equal(GenericStatusEnumType.Rejected, Assert.IsType<SignCertificateResponse>(decision.Response).Status);
        Assert.Empty(decision.Then);
    }

    [Fact]
    public void Authorize_follows_the_ocsp_book_and_unknown_issuers_are_chain_errors()
    {
        var pki = _ca.Pki;
        AuthorizeRequest Authorize(params OCSPRequestDataType[] data) =>
            new() { IdToken = new IdTokenType { IdToken = "EMAID", Type = "eMAID" }, Iso15118CertificateHashData = data };
        var contract = CertificateCallHandler.OcspRequestData(pki.Contract, pki.MoSubCa2, "http://ocsp");

        Assert.Equal(AuthorizeCertificateStatusEnumType.Accepted, Response<AuthorizeResponse>(Authorize(contract)).CertificateStatus);

        using var foreign = CertificateFactory.SelfSigned(CertificateProfile.Ca("CN=Foreign", TimeSpan.FromDays(1)));
        var unknown = Response<AuthorizeResponse>(Authorize(contract, CertificateCallHandler.OcspRequestData(foreign, foreign, "http://ocsp")));
        Assert.Equal(AuthorizeCertificateStatusEnumType.CertChainError, unknown.CertificateStatus);
        Assert.Equal(AuthorizationStatusEnumType.Invalid, unknown.IdTokenInfo.Status);

        _ca.Revoke(pki.Contract, pki.MoSubCa2, Now);
        Assert.Equal(AuthorizeCertificateStatusEnumType.CertificateRevoked, Response<AuthorizeResponse>(Authorize(contract)).CertificateStatus);
        Assert.Equal(GetCertificateStatusEnumType.Accepted,
            Response<GetCertificateStatusResponse>(new GetCertificateStatusRequest { OcspRequestData = contract }).Status);
    }

    [Fact]
    public void Without_a_certificate_authority_certificate_messages_are_not_supported_and_plain_authorize_is_untouched()
    {
        var none = CertificateCallHandler.Handle(new SignCertificateRequest { Csr = "x" }, ChargerSettings.Default, Now);
        Assert.Equal(OcppErrorCode.NotSupported, none!.Error!.Code);
        Assert.Null(CertificateCallHandler.Handle(new AuthorizeRequest { IdToken = new IdTokenType { IdToken = "T", Type = "Central" } }, _settings, Now));
    }

    private ChargerCallDecision Handle(object request) => CertificateCallHandler.Handle(request, _settings, Now)!;

    private T Response<T>(object request) => Assert.IsType<T>(Handle(request).Response);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
