using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Iso15118.Tls;

/// <summary>
/// An in-memory development PKI for the SECC's TLS: one ECDSA P-256 root (standing in for the V2G root) and an SECC
/// server certificate signed by it for loopback and the given names. -20 mandates ECDSA (secp256r1 for TLS 1.3 in
/// this profile) and TLS 1.3. Production uses certificates from the V2G PKI instead.
/// </summary>
public sealed class DevelopmentSeccPki
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private DevelopmentSeccPki(X509Certificate2 root, X509Certificate2 secc)
    {
        Root = root;
        SeccCertificate = secc;
    }

    /// <summary>The root with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The root as the EV holds it: public part only.</summary>
    public X509Certificate2 RootPublic => X509CertificateLoader.LoadCertificate(Root.RawData);

    /// <summary>The SECC's TLS server certificate, with private key.</summary>
    public X509Certificate2 SeccCertificate { get; }

    public static DevelopmentSeccPki Create(string evseId = "DE*V2G*E0001*1", IEnumerable<string>? names = null)
    {
        var root = CreateRoot();
        return new DevelopmentSeccPki(root, IssueSecc(root, evseId, names ?? []));
    }

    private static X509Certificate2 CreateRoot()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=V2gActors development V2G root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        return RoundTrip(request.CreateSelfSigned(now, now + Lifetime));
    }

    private static X509Certificate2 IssueSecc(X509Certificate2 root, string evseId, IEnumerable<string> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // -20 puts the EVSEID into the SECC certificate's CN; the SANs make hostname validation work on loopback.
        var request = new CertificateRequest($"CN={evseId.Replace(",", "", StringComparison.Ordinal)}, O=V2gActors development SECC", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip); else san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(root, now, now + Lifetime - TimeSpan.FromDays(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return RoundTrip(withKey);
    }

    // An ephemeral key cannot be used by SslStream on every platform; a PKCS#12 round-trip makes it a usable one.
    private static X509Certificate2 RoundTrip(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
}
