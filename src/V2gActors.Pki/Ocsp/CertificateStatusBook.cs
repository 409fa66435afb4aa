using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Pki.Ocsp;

public enum CertificateStatusKind
{
    /// <summary>Issued by a known CA and not revoked.</summary>
    Good,
    /// <summary>Revoked by its CA.</summary>
    Revoked,
    /// <summary>The issuer is not a CA this book answers for.</summary>
    UnknownIssuer,
}

public sealed record CertificateStatus(CertificateStatusKind Kind, DateTimeOffset? RevokedAt = null);

/// <summary>
/// A local OCSP responder's knowledge, as a pure value: the CAs it answers for (by issuer name and key hash, for each
/// hash algorithm OCPP allows) and the certificates they revoked (by serial). Anything a known CA issued and did not
/// revoke is good; anything else is an unknown issuer. <see cref="OcspResponder"/> turns a lookup into RFC 6960 bytes.
/// </summary>
public sealed record CertificateStatusBook(ImmutableDictionary<string, X509Certificate2> Issuers, ImmutableDictionary<string, DateTimeOffset> Revoked)
{
    private static readonly HashAlgorithmName[] Algorithms = [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512];

    public static CertificateStatusBook Empty { get; } = new(
        ImmutableDictionary<string, X509Certificate2>.Empty, ImmutableDictionary<string, DateTimeOffset>.Empty);

    /// <summary>Answers for the certificates <paramref name="ca"/> issues (it must hold its private key to sign answers).</summary>
    public CertificateStatusBook WithIssuer(X509Certificate2 ca) => this with
    {
        Issuers = Issuers.SetItems(Algorithms.Select(a => KeyValuePair.Create(CertificateId.Of(ca, ca, a).IssuerKey, ca))),
    };

    public CertificateStatusBook Revoke(X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at) => this with
    {
        Revoked = Revoked.SetItems(Algorithms.Select(a => KeyValuePair.Create(CertificateId.Of(certificate, issuer, a).Key, at))),
    };

    public CertificateStatus Lookup(CertificateId id) =>
        !Issuers.ContainsKey(id.IssuerKey) ? new CertificateStatus(CertificateStatusKind.UnknownIssuer)
        : Revoked.TryGetValue(id.Key, out var at) ? new CertificateStatus(CertificateStatusKind.Revoked, at)
        : new CertificateStatus(CertificateStatusKind.Good);

    /// <summary>The CA that answers for <paramref name="id"/>, if any.</summary>
    public X509Certificate2? IssuerOf(CertificateId id) => Issuers.GetValueOrDefault(id.IssuerKey);
}
