using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Ocpp.Transport.Client;

/// <summary>
/// Validates a CSMS server certificate against one private root instead of the machine's store: the chain must end at
/// that exact root and the host name must match (name mismatches stay fatal).
/// </summary>
internal static class PrivateRootTrust
{
    public static bool Validates(X509Certificate2 root, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a private dev PKI publishes no CRL/OCSP
        using var leaf = new X509Certificate2(presented);
        return chain.Build(leaf);
    }
}
