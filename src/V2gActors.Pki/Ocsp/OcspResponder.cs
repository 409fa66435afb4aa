using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificateStatus = Org.BouncyCastle.Ocsp.CertificateStatus;
using CertId = Org.BouncyCastle.Asn1.Ocsp.CertID;

namespace V2gActors.Pki.Ocsp;

/// <summary>
/// Answers an OCSP question (a <see cref="CertificateId"/>) from a <see cref="CertificateStatusBook"/> with a DER-encoded
/// RFC 6960 OCSPResponse: a BasicOCSPResponse signed by the issuing CA itself (RFC 6960 §4.2.2.2 allows the CA to be its
/// own responder), good or revoked, valid for <see cref="Validity"/>; "unauthorized" when the book does not answer for
/// the issuer. This is what OCPP's GetCertificateStatus returns (base64) as ocspResult.
/// </summary>
public static class OcspResponder
{
    /// <summary>nextUpdate − thisUpdate: how long a station may cache the answer.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(1);

    public static byte[] Respond(CertificateStatusBook book, CertificateId id, DateTimeOffset now)
    {
        var status = book.Lookup(id);
        if (status.Kind == CertificateStatusKind.UnknownIssuer || book.IssuerOf(id) is not { } issuer)
            return new OCSPRespGenerator().Generate(OCSPRespGenerator.Unauthorized, null).GetEncoded();

        var issuerCertificate = new X509CertificateParser().ReadCertificate(issuer.RawData);
        var generator = new BasicOcspRespGenerator(new RespID(issuerCertificate.SubjectDN));
        var certId = new CertificateID(new CertId(
            new AlgorithmIdentifier(HashOid(id.HashAlgorithm), DerNull.Instance),
            new DerOctetString(Convert.FromHexString(id.IssuerNameHash)),
            new DerOctetString(Convert.FromHexString(id.IssuerKeyHash)),
            new DerInteger(new BigInteger(id.SerialNumber, 16))));
        BcCertificateStatus answer = status.Kind == CertificateStatusKind.Revoked
            ? new RevokedStatus(status.RevokedAt!.Value.UtcDateTime, CrlReason.Unspecified)
            : BcCertificateStatus.Good;
        var thisUpdate = now.UtcDateTime;
        generator.AddResponse(certId, answer, thisUpdate, thisUpdate + Validity, null);
        var basic = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", PrivateKey(issuer)), [issuerCertificate], thisUpdate);
        return new OCSPRespGenerator().Generate(OCSPRespGenerator.Successful, basic).GetEncoded();
    }

    private static DerObjectIdentifier HashOid(string algorithm) => algorithm.ToUpperInvariant() switch
    {
        "SHA256" => NistObjectIdentifiers.IdSha256,
        "SHA384" => NistObjectIdentifiers.IdSha384,
        "SHA512" => NistObjectIdentifiers.IdSha512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "OCPP allows SHA256, SHA384 and SHA512."),
    };

    private static AsymmetricKeyParameter PrivateKey(X509Certificate2 ca)
    {
        using var key = ca.GetECDsaPrivateKey() ?? throw new InvalidOperationException($"{ca.Subject} holds no ECDSA private key.");
        return PrivateKeyFactory.CreateKey(key.ExportPkcs8PrivateKey());
    }
}
