using System.Security.Cryptography.X509Certificates;
using V2gActors.Pki;

namespace V2gActors.Ieee2030_5.Security;

/// <summary>
/// A throw-away certificate authority for development and tests: ECDSA P-256 throughout, as CSIP requires.
/// Real deployments use the utility's SERCA chain; nothing here is meant to be trusted beyond a test run. Certificates
/// are built by the platform's <see cref="CertificateFactory"/>.
/// </summary>
public sealed class DevelopmentPki : IDisposable
{
    private static readonly TimeSpan RootLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(30);

    private DevelopmentPki(X509Certificate2 root) => Root = root;

    /// <summary>The CA certificate (with its private key, so it can keep issuing).</summary>
    public X509Certificate2 Root { get; }

    public static DevelopmentPki Create(string name = "V2gActors Dev SERCA") =>
        new(CertificateFactory.SelfSigned(
            CertificateProfile.Ca($"CN={name}", RootLifetime, pathLength: 1, extraUsage: X509KeyUsageFlags.DigitalSignature)));

    /// <summary>Keeps issuing from a root created earlier (loaded from disk by <c>pki generate</c>).</summary>
    public static DevelopmentPki FromRoot(X509Certificate2 root) => new(root);

    /// <summary>A head-end server certificate for 127.0.0.1 / localhost.</summary>
    public X509Certificate2 IssueServer(string commonName = "localhost") =>
        Issue(commonName, [CertificateProfile.ServerAuth, CertificateProfile.ClientAuth]);

    /// <summary>
    /// A device / aggregator certificate. It can also serve TLS because the client's notification listener
    /// is itself an HTTPS endpoint the server connects to.
    /// </summary>
    public X509Certificate2 IssueDevice(string commonName) => Issue(commonName, [CertificateProfile.ClientAuth, CertificateProfile.ServerAuth]);

    /// <summary>Chain policy trusting only this CA (no system roots, no revocation lookups for dev certs).</summary>
    public X509ChainPolicy TrustPolicy() => TrustOnly(Root);

    public static X509ChainPolicy TrustOnly(X509Certificate2 root) => CertificateFactory.TrustOnly(root);

    private X509Certificate2 Issue(string commonName, System.Security.Cryptography.Oid[] usages) =>
        CertificateFactory.Issue(
            CertificateProfile.Leaf($"CN={commonName}", LeafLifetime, usages, X509KeyUsageFlags.KeyAgreement) with
            {
                SubjectAltNames = ["127.0.0.1", "localhost"],
            }, Root);

    public void Dispose() => Root.Dispose();
}
