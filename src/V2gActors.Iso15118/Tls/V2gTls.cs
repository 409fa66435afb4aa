using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Iso15118.Tls;

/// <summary>
/// TLS settings shared by the SECC server and the EVCC client: TLS 1.3 only (ISO 15118-20 requires it), the SECC
/// authenticated by a certificate chaining to a root the EV trusts. Client certificates are not requested (EIM).
/// </summary>
public static class V2gTls
{
    public const SslProtocols Protocols = SslProtocols.Tls13;

    public static SslServerAuthenticationOptions ServerOptions(X509Certificate2 seccCertificate) => new()
    {
        ServerCertificateContext = SslStreamCertificateContext.Create(seccCertificate, null),
        EnabledSslProtocols = Protocols,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };

    public static SslClientAuthenticationOptions ClientOptions(X509Certificate2 trustedRoot, string targetHost) => new()
    {
        TargetHost = targetHost,
        EnabledSslProtocols = Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) => ChainsTo(trustedRoot, certificate, errors),
    };

    /// <summary>
    /// Accepts the SECC's certificate only if it chains to <paramref name="root"/> (not to the machine's store) and its
    /// name matched; the V2G PKI is private, so system trust is neither needed nor wanted.
    /// </summary>
    public static bool ChainsTo(X509Certificate2 root, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
