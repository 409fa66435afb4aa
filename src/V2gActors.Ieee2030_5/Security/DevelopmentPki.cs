using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Ieee2030_5.Security;

/// <summary>
/// A throw-away certificate authority for development and tests: ECDSA P-256 throughout, as CSIP requires.
/// Real deployments use the utility's SERCA chain; nothing here is meant to be trusted beyond a test run.
/// </summary>
public sealed class DevelopmentPki : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private DevelopmentPki(X509Certificate2 root) => Root = root;

    /// <summary>The CA certificate (with its private key, so it can keep issuing).</summary>
    public X509Certificate2 Root { get; }

    public static DevelopmentPki Create(string name = "V2gActors Dev SERCA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new DevelopmentPki(request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1)));
    }

    /// <summary>A head-end server certificate for 127.0.0.1 / localhost.</summary>
    public X509Certificate2 IssueServer(string commonName = "localhost") => Issue(commonName, [ServerAuth, ClientAuth]);

    /// <summary>
    /// A device / aggregator certificate. It can also serve TLS because the client's notification listener
    /// is itself an HTTPS endpoint the server connects to.
    /// </summary>
    public X509Certificate2 IssueDevice(string commonName) => Issue(commonName, [ClientAuth, ServerAuth]);

    /// <summary>Chain policy trusting only this CA (no system roots, no revocation lookups for dev certs).</summary>
    public X509ChainPolicy TrustPolicy() => TrustOnly(Root);

    public static X509ChainPolicy TrustOnly(X509Certificate2 root)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(root);
        return policy;
    }

    private X509Certificate2 Issue(string commonName, Oid[] usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        var eku = new OidCollection();
        foreach (var u in usages) eku.Add(u);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(eku, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Root, now.AddMinutes(-5), now.AddDays(30), serial);
        // Export/import so the key is usable by SslStream on every platform (ephemeral keys are not on all).
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => Root.Dispose();
}
