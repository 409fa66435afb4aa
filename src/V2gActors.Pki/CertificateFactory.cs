using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Pki;

/// <summary>
/// The one place the platform builds certificates (System.Security.Cryptography's <see cref="CertificateRequest"/>):
/// ECDSA P-256 keys with SHA-256 signatures, as OCPP security profile 3, IEEE 2030.5/CSIP and ISO 15118-20 TLS all
/// accept; random positive 128-bit serials; notBefore five minutes back for clock skew; a child never outlives its
/// issuer; and a PKCS#12 round trip so that SslStream can use the key on every platform (ephemeral keys cannot).
/// </summary>
public static class CertificateFactory
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A self-signed certificate (a root) with its private key.</summary>
    public static X509Certificate2 SelfSigned(CertificateProfile profile)
    {
        using var key = NewKey();
        var request = Request(profile, key);
        var now = DateTimeOffset.UtcNow - ClockSkew;
        using var root = request.CreateSelfSigned(now, now + profile.Lifetime);
        return Usable(root);
    }

    /// <summary>A certificate signed by <paramref name="issuer"/> (which must hold its private key), with its own private key.</summary>
    public static X509Certificate2 Issue(CertificateProfile profile, X509Certificate2 issuer)
    {
        using var key = NewKey();
        var request = Request(profile, key);
        using var issued = Sign(request, issuer, profile.Lifetime);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Usable(withKey);
    }

    /// <summary>
    /// Signs a PKCS#10 request (PEM, signature verified) as a leaf of <paramref name="issuer"/>: the subject and public key
    /// come from the request, everything else from <paramref name="profile"/> (its subject is ignored). No private key.
    /// </summary>
    public static X509Certificate2 SignRequest(string csrPem, CertificateProfile profile, X509Certificate2 issuer)
    {
        var request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256,
            CertificateRequestLoadOptions.Default); // verifies the CSR's self-signature; throws CryptographicException otherwise
        request.CertificateExtensions.Clear();
        AddExtensions(request, profile);
        return Sign(request, issuer, profile.Lifetime);
    }

    /// <summary>A PKCS#10 request (PEM) for <paramref name="subject"/> signed with <paramref name="key"/>.</summary>
    public static string CreateSigningRequestPem(string subject, ECDsa key) =>
        new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

    /// <summary>A fresh ECDSA P-256 key.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The certificate alone (no private key), as a peer or a trust store holds it.</summary>
    public static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    /// <summary>A chain policy that trusts only <paramref name="roots"/> (no system roots, no revocation lookups).</summary>
    public static X509ChainPolicy TrustOnly(params X509Certificate2[] roots)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

    private static CertificateRequest Request(CertificateProfile profile, ECDsa key)
    {
        var request = new CertificateRequest(new X500DistinguishedName(profile.Subject), key, HashAlgorithmName.SHA256);
        AddExtensions(request, profile);
        return request;
    }

    private static void AddExtensions(CertificateRequest request, CertificateProfile profile)
    {
        var extensions = request.CertificateExtensions;
        if (profile.SubjectAltNames.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in profile.SubjectAltNames)
            {
                if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip); else san.AddDnsName(name);
            }
            extensions.Add(san.Build());
        }
        extensions.Add(new X509BasicConstraintsExtension(profile.IsCa, profile.IsCa && profile.PathLength is not null,
            profile.PathLength ?? 0, profile.CriticalBasicConstraints));
        extensions.Add(new X509KeyUsageExtension(profile.KeyUsage, true));
        if (profile.ExtendedKeyUsages.Count > 0)
        {
            var usages = new OidCollection();
            foreach (var usage in profile.ExtendedKeyUsages) usages.Add(usage);
            extensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        }
        if (profile.SubjectKeyIdentifier) extensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }

    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 issuer, TimeSpan lifetime)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var now = DateTimeOffset.UtcNow - ClockSkew;
        var issuerEnd = new DateTimeOffset(issuer.NotAfter.ToUniversalTime());
        var notAfter = now + lifetime < issuerEnd ? now + lifetime : issuerEnd;
        return request.Create(issuer, now, notAfter, NewSerial());
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // and without a leading zero byte, so the hex form is stable
        return serial;
    }

    // PKCS#12 round trip: an ephemeral key cannot be used by SslStream on every platform; an imported one can.
    private static X509Certificate2 Usable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}
