using System.Security.Cryptography.X509Certificates;
using V2gActors.Pki;

namespace V2gActors.Iso15118.Tls;

/// <summary>
/// An in-memory development PKI for the SECC's TLS: one ECDSA P-256 root (standing in for the V2G root) and an SECC
/// server certificate signed by it for loopback and the given names. -20 mandates ECDSA (secp256r1 for TLS 1.3 in
/// this profile) and TLS 1.3. Production uses certificates from the V2G PKI instead (a persistent development one with
/// CPO sub-CAs is <c>V2gActors.Pki.V2g.V2gDevelopmentPki</c>). Certificates are built by <see cref="CertificateFactory"/>.
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
    public X509Certificate2 RootPublic => CertificateFactory.PublicPart(Root);

    /// <summary>The SECC's TLS server certificate, with private key.</summary>
    public X509Certificate2 SeccCertificate { get; }

    public static DevelopmentSeccPki Create(string evseId = "DE*V2G*E0001*1", IEnumerable<string>? names = null)
    {
        var root = CertificateFactory.SelfSigned(CertificateProfile.Ca("CN=V2gActors development V2G root", Lifetime));
        // -20 puts the EVSEID into the SECC certificate's CN; the SANs make hostname validation work on loopback.
        var secc = CertificateFactory.Issue(
            CertificateProfile.Leaf($"CN={evseId.Replace(",", "", StringComparison.Ordinal)}, O=V2gActors development SECC",
                Lifetime - TimeSpan.FromDays(1), [CertificateProfile.ServerAuth]) with
            {
                SubjectAltNames = CertificateProfile.Loopback(names),
            }, root);
        return new DevelopmentSeccPki(root, secc);
    }
}
