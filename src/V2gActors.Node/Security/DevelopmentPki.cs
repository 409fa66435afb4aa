using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Node.Security;

/// <summary>
/// A private development PKI for security profiles 2 and 3: one root CA (ECDSA P-256), the CSMS server certificate
/// (SAN 127.0.0.1, ::1, localhost and the configured host names) and station certificates whose subject CN is the station
/// id, as OCPP's security whitepaper binds a Charging Station certificate to its identity. Created on first use under a
/// folder (default <c>./data/pki</c>) and reused afterwards, so stations provisioned once keep working across restarts.
/// Production deployments configure their own CSMS certificate and station CA instead.
/// </summary>
public sealed class DevelopmentPki
{
    private const string CaFile = "ca.pfx", ServerFile = "csms-server.pfx";
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
    public X509Certificate2 CaPublic => X509CertificateLoader.LoadCertificate(Ca.RawData);

    public static DevelopmentPki LoadOrCreate(string folder, IReadOnlyCollection<string>? serverNames = null)
    {
        Directory.CreateDirectory(folder);
        var caPath = Path.Combine(folder, CaFile);
        var serverPath = Path.Combine(folder, ServerFile);
        var ca = File.Exists(caPath) ? Load(caPath) : Save(CreateCa(), caPath);
        var server = File.Exists(serverPath) ? Load(serverPath) : Save(CreateServer(ca, serverNames ?? []), serverPath);
        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem());
        return new DevelopmentPki(folder, ca, server);
    }

    /// <summary>Issues (or reloads) the certificate of one station: CN = station id, EKU clientAuth.</summary>
    public X509Certificate2 StationCertificate(string stationId)
    {
        var path = Path.Combine(Folder, "stations", $"{Sanitize(stationId)}.pfx");
        if (File.Exists(path)) return Load(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Save(IssueStation(Ca, stationId), path);
    }

    /// <summary>Issues a station certificate from <paramref name="issuer"/> without storing it (tests: foreign CAs).</summary>
    public static X509Certificate2 IssueStation(X509Certificate2 issuer, string stationId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={stationId}, O=V2gActors development stations"),
            key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false)); // clientAuth
        return Sign(request, issuer, key);
    }

    /// <summary>A self-signed root, also used by tests to make a CA the CSMS does not trust.</summary>
    public static X509Certificate2 CreateCa(string name = "V2gActors development root")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        return request.CreateSelfSigned(now, now + Lifetime);
    }

    private static X509Certificate2 CreateServer(X509Certificate2 ca, IReadOnlyCollection<string> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=V2gActors CSMS"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        foreach (var name in names.Where(n => n is not ("localhost" or "127.0.0.1" or "::1")))
        {
            if (System.Net.IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip); else san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        return Sign(request, ca, key);
    }

    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 issuer, ECDsa key)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = now + Lifetime < issuer.NotAfter ? now + Lifetime : issuer.NotAfter.ToUniversalTime();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        using var issued = request.Create(issuer, now, notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    // PFX round-trip: an ephemeral key cannot be used by SslStream on every platform; an exported/imported one can.
    private static X509Certificate2 Save(X509Certificate2 certificate, string path)
    {
        var pfx = certificate.Export(X509ContentType.Pfx);
        File.WriteAllBytes(path, pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.Exportable);
    }

    private static X509Certificate2 Load(string path) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);

    private static string Sanitize(string stationId) =>
        string.Concat(stationId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
