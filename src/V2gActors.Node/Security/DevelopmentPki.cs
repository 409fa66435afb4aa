using System.Security.Cryptography.X509Certificates;
using V2gActors.Pki;

namespace V2gActors.Node.Security;

/// <summary>
/// A private development PKI for security profiles 2 and 3: one root CA (ECDSA P-256), the CSMS server certificate
/// (SAN 127.0.0.1, ::1, localhost and the configured host names) and station certificates whose subject CN is the station
/// id, as OCPP's security whitepaper binds a Charging Station certificate to its identity. Created on first use under a
/// folder (default <c>./data/pki</c>) and reused afterwards, so stations provisioned once keep working across restarts.
/// Production deployments configure their own CSMS certificate and station CA instead. Certificates are built by the
/// platform's <see cref="CertificateFactory"/>.
/// </summary>
public sealed class DevelopmentPki
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365 * 5);

    private DevelopmentPki(string folder, X509Certificate2 ca, X509Certificate2 server)
    {
        Folder = folder;
        Ca = ca;
        Server = server;
    }

    public string Folder { get; }

    /// <summary>The root that signs both the CSMS server certificate and the station certificates (with private key).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The CSMS's TLS server certificate (with private key).</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The root without its private key, as a station or the validator should hold it.</summary>
    public X509Certificate2 CaPublic => CertificateFactory.PublicPart(Ca);

    public static DevelopmentPki LoadOrCreate(string folder, IReadOnlyCollection<string>? serverNames = null)
    {
        var ca = CertificateFiles.LoadOrCreate(folder, "ca", () => CreateCa());
        var server = CertificateFiles.LoadOrCreate(folder, "csms-server", () => CertificateFactory.Issue(
            CertificateProfile.Leaf("CN=V2gActors CSMS", Lifetime, [CertificateProfile.ServerAuth]) with
            {
                SubjectAltNames = CertificateProfile.Loopback(serverNames),
            }, ca));
        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem());
        return new DevelopmentPki(folder, ca, server);
    }

    /// <summary>Issues (or reloads) the certificate of one station: CN = station id, EKU clientAuth.</summary>
    public X509Certificate2 StationCertificate(string stationId) =>
        CertificateFiles.LoadOrCreate(Path.Combine(Folder, "stations"), Sanitize(stationId), () => IssueStation(Ca, stationId));

    /// <summary>Issues a station certificate from <paramref name="issuer"/> without storing it (tests: foreign CAs).</summary>
    public static X509Certificate2 IssueStation(X509Certificate2 issuer, string stationId) =>
        CertificateFactory.Issue(
            CertificateProfile.Leaf($"CN={stationId}, O=V2gActors development stations", Lifetime, [CertificateProfile.ClientAuth]), issuer);

    /// <summary>A self-signed root, also used by tests to make a CA the CSMS does not trust.</summary>
    public static X509Certificate2 CreateCa(string name = "V2gActors development root") =>
        CertificateFactory.SelfSigned(CertificateProfile.Ca($"CN={name}", Lifetime));

    private static string Sanitize(string stationId) =>
        string.Concat(stationId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
