using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Pki;

/// <summary>
/// What one certificate should say: subject, CA or leaf (with path length), key usages, extended key usages, subject
/// alternative names (IP addresses or DNS names) and lifetime. Every development PKI of the platform describes its
/// certificates with this record and hands it to <see cref="CertificateFactory"/>.
/// </summary>
public sealed record CertificateProfile(string Subject, X509KeyUsageFlags KeyUsage, TimeSpan Lifetime)
{
    /// <summary>serverAuth (TLS servers).</summary>
    public static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <summary>clientAuth (TLS clients).</summary>
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public bool IsCa { get; init; }

    /// <summary>Only for CAs: how many CAs may follow below; null = unconstrained.</summary>
    public int? PathLength { get; init; }

    /// <summary>Whether basicConstraints is marked critical (CSIP and the OCPP/15118 profiles do).</summary>
    public bool CriticalBasicConstraints { get; init; } = true;

    public IReadOnlyList<Oid> ExtendedKeyUsages { get; init; } = [];

    /// <summary>IP addresses and DNS names; empty = no subjectAltName extension.</summary>
    public IReadOnlyList<string> SubjectAltNames { get; init; } = [];

    /// <summary>Adds the subjectKeyIdentifier (CAs need it so children can name them in authorityKeyIdentifier).</summary>
    public bool SubjectKeyIdentifier { get; init; }

    /// <summary>A CA profile: keyCertSign + cRLSign (plus <paramref name="extraUsage"/>), SKI on.</summary>
    public static CertificateProfile Ca(string subject, TimeSpan lifetime, int? pathLength = null,
        X509KeyUsageFlags extraUsage = X509KeyUsageFlags.None) =>
        new(subject, X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | extraUsage, lifetime)
        {
            IsCa = true, PathLength = pathLength, SubjectKeyIdentifier = true,
        };

    /// <summary>A leaf profile: digitalSignature (plus <paramref name="extraUsage"/>) and the given EKUs.</summary>
    public static CertificateProfile Leaf(string subject, TimeSpan lifetime, IReadOnlyList<Oid> extendedKeyUsages,
        X509KeyUsageFlags extraUsage = X509KeyUsageFlags.None) =>
        new(subject, X509KeyUsageFlags.DigitalSignature | extraUsage, lifetime) { ExtendedKeyUsages = extendedKeyUsages };

    /// <summary>The loopback names every development server certificate carries, plus <paramref name="more"/>.</summary>
    public static IReadOnlyList<string> Loopback(IEnumerable<string>? more = null) =>
        ["127.0.0.1", "::1", "localhost", .. (more ?? []).Where(n => n is not ("127.0.0.1" or "::1" or "localhost"))];
}
