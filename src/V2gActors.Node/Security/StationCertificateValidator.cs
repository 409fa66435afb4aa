using System.Security.Cryptography.X509Certificates;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Node.Security;

/// <summary>
/// Security profile 3: a station certificate is accepted when it chains to the configured station CA (and to nothing
/// else), is within its validity period, is meant for client authentication, and its subject CN is the station id in
/// the URL — so one station's certificate cannot be used to impersonate another.
/// </summary>
public sealed class StationCertificateValidator(X509Certificate2 stationCa) : IOcppClientCertificateValidator
{
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public string? Validate(string stationId, X509Certificate2 certificate)
    {
        var now = DateTime.UtcNow;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            return "certificate is outside its validity period";

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(stationCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // the dev PKI publishes no CRL/OCSP
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuth));
        if (!chain.Build(certificate))
            return "certificate does not chain to the trusted station CA: " +
                   string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.Equals(commonName, stationId, StringComparison.Ordinal)
            ? null
            : $"certificate subject CN '{commonName}' is not the station id '{stationId}'";
    }
}
