using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Pki;
using V2gActors.Pki.Ocsp;

namespace V2gActors.Engine.Chargers.Certificates;

/// <summary>
/// The CSMS side of the charger→CSMS certificate messages (OCPP 2.1 A02/A03 SignCertificate, M06 GetCertificateStatus,
/// C07 Authorize with ISO 15118 certificate hash data, M01/M02 Get15118EVCertificate). Nothing here is journaled: the
/// CA and the OCSP book are node services, the entity only answers (and, for SignCertificate, sends CertificateSigned next).
/// </summary>
public static class CertificateCallHandler
{
    /// <summary>The decision for a certificate message; null when <paramref name="request"/> is not one.</summary>
    public static ChargerCallDecision? Handle(object request, ChargerSettings settings, DateTimeOffset now)
    {
        if (request is not (SignCertificateRequest or GetCertificateStatusRequest or Get15118EVCertificateRequest
            or AuthorizeRequest { Iso15118CertificateHashData.Count: > 0 } or AuthorizeRequest { Certificate: not null }))
            return null;
        if (settings.Certificates is not { } ca)
            return ChargerCallDecision.Fail(OcppErrorCode.NotSupported, "This CSMS has no certificate authority configured.");
        return request switch
        {
            SignCertificateRequest r => Sign(r, ca),
            GetCertificateStatusRequest r => ChargerCallDecision.Reply(CertificateStatus(r.OcspRequestData, ca, now)),
            AuthorizeRequest r => ChargerCallDecision.Reply(Authorize(r, ca, settings.Authorization)),
            Get15118EVCertificateRequest => ChargerCallDecision.Reply(new Get15118EVCertificateResponse
            {
                // Issuing a contract needs an eMSP (contract certificate pool) behind the CSMS; none is connected.
                Status = Iso15118EVCertificateStatusEnumType.Failed,
                StatusInfo = new StatusInfoType { ReasonCode = "NoContractProvider", AdditionalInfo = "No contract certificate pool is connected." },
                ExiResponse = "",
            }),
            _ => null,
        };
    }

    /// <summary>
    /// A02/A03: a CSR that parses and carries a valid self-signature is Accepted and answered by a CertificateSigned with the
    /// chain from the CPO Sub-CA (same certificateType and requestId); anything else is Rejected and nothing follows.
    /// </summary>
    private static ChargerCallDecision Sign(SignCertificateRequest request, CsmsCertificateAuthority ca)
    {
        string chain;
        try
        {
            var v2g = request.CertificateType is CertificateSigningUseEnumType.V2GCertificate or CertificateSigningUseEnumType.V2G20Certificate;
            chain = ca.SignStationCsr(request.Csr, v2g).ChainPem;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            return ChargerCallDecision.Reply(new SignCertificateResponse
            {
                Status = GenericStatusEnumType.Rejected,
                StatusInfo = new StatusInfoType { ReasonCode = "InvalidCSR", AdditionalInfo = Trim(ex.Message, 512) },
            });
        }
        var signed = new CertificateSignedRequest { CertificateChain = chain, CertificateType = request.CertificateType, RequestId = request.RequestId };
        return ChargerCallDecision.Reply(new SignCertificateResponse { Status = GenericStatusEnumType.Accepted }) with
        {
            Then = [new OutgoingCall("CertificateSigned", Encoding.UTF8.GetString(OcppPayloadCodec.Encode(signed)))],
        };
    }

    /// <summary>M06: the local responder's DER OCSPResponse, base64; Failed for an issuer it does not answer for.</summary>
    private static GetCertificateStatusResponse CertificateStatus(OCSPRequestDataType data, CsmsCertificateAuthority ca, DateTimeOffset now)
    {
        var id = IdOf(data);
        if (ca.Status(id).Kind == CertificateStatusKind.UnknownIssuer)
            return new GetCertificateStatusResponse
            {
                Status = GetCertificateStatusEnumType.Failed,
                StatusInfo = new StatusInfoType { ReasonCode = "UnknownIssuer", AdditionalInfo = "The local OCSP responder does not answer for this issuer." },
            };
        return new GetCertificateStatusResponse
        {
            Status = GetCertificateStatusEnumType.Accepted, OcspResult = Convert.ToBase64String(ca.OcspResponse(id, now)),
        };
    }

    /// <summary>
    /// C07: every certificate of the contract chain the station names (by hash data, or as a PEM chain the CSMS validates
    /// against the MO root itself) must be good; a revoked one makes the answer CertificateRevoked, an expired one
    /// CertificateExpired, one from an unknown issuer or a broken chain CertChainError, and each makes the idToken Invalid.
    /// </summary>
    private static AuthorizeResponse Authorize(AuthorizeRequest request, CsmsCertificateAuthority ca, AuthorizationPolicy policy)
    {
        AuthorizeCertificateStatusEnumType? certificate = request.Certificate is { } pem ? ContractChainStatus(pem, ca) : null;
        if (certificate is null or AuthorizeCertificateStatusEnumType.Accepted)
        {
            var statuses = (request.Iso15118CertificateHashData ?? []).Select(d => ca.Status(IdOf(d)).Kind).ToList();
            certificate = statuses.Contains(CertificateStatusKind.Revoked) ? AuthorizeCertificateStatusEnumType.CertificateRevoked
                : statuses.Contains(CertificateStatusKind.UnknownIssuer) ? AuthorizeCertificateStatusEnumType.CertChainError
                : AuthorizeCertificateStatusEnumType.Accepted;
        }
        var accepted = certificate == AuthorizeCertificateStatusEnumType.Accepted && policy.IsAccepted(request.IdToken.IdToken);
        return new AuthorizeResponse
        {
            CertificateStatus = certificate,
            IdTokenInfo = new IdTokenInfoType { Status = accepted ? AuthorizationStatusEnumType.Accepted : AuthorizationStatusEnumType.Invalid },
        };
    }

    /// <summary>A contract chain (PEM, leaf first) checked against the MO root, then each link against the OCSP book.</summary>
    private static AuthorizeCertificateStatusEnumType ContractChainStatus(string pem, CsmsCertificateAuthority ca)
    {
        IReadOnlyList<X509Certificate2> chain;
        try { chain = CertificateFiles.ParseChainPem(pem); }
        catch (CryptographicException) { return AuthorizeCertificateStatusEnumType.CertChainError; }
        if (chain.Count == 0) return AuthorizeCertificateStatusEnumType.NoCertificateAvailable;

        using var builder = new X509Chain { ChainPolicy = CertificateFactory.TrustOnly(ca.Pki.MoRoot) };
        builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
        if (!builder.Build(chain[0]))
            return builder.ChainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid))
                ? AuthorizeCertificateStatusEnumType.CertificateExpired
                : AuthorizeCertificateStatusEnumType.CertChainError;

        var links = builder.ChainElements.Select(e => e.Certificate).ToList();
        var revoked = links.Zip(links.Skip(1), (certificate, issuer) => ca.Status(CertificateId.Of(certificate, issuer)).Kind)
            .Contains(CertificateStatusKind.Revoked);
        return revoked ? AuthorizeCertificateStatusEnumType.CertificateRevoked : AuthorizeCertificateStatusEnumType.Accepted;
    }

    /// <summary>The OCPP hash data of a certificate, as the station sends it.</summary>
    public static OCSPRequestDataType OcspRequestData(X509Certificate2 certificate, X509Certificate2 issuer, string responderUrl)
    {
        var id = CertificateId.Of(certificate, issuer);
        return new OCSPRequestDataType
        {
            HashAlgorithm = HashAlgorithmEnumType.SHA256, IssuerNameHash = id.IssuerNameHash, IssuerKeyHash = id.IssuerKeyHash,
            SerialNumber = id.SerialNumber, ResponderURL = responderUrl,
        };
    }

    private static CertificateId IdOf(OCSPRequestDataType d) =>
        new(OcppText.Of(d.HashAlgorithm), d.IssuerNameHash, d.IssuerKeyHash, d.SerialNumber);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
