using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Pki;

/// <summary>
/// Development certificates on disk: <c>name.pfx</c> (certificate and private key, no password — development only) beside
/// <c>name.crt</c> (PEM, the public part to hand to peers). Created on first use, reloaded afterwards, so a PKI survives
/// restarts and identities provisioned once keep working.
/// </summary>
public static class CertificateFiles
{
    public static X509Certificate2 LoadOrCreate(string folder, string name, Func<X509Certificate2> create)
    {
        var pfx = Path.Combine(folder, name + ".pfx");
        if (File.Exists(pfx)) return Load(pfx);
        Directory.CreateDirectory(Path.GetDirectoryName(pfx)!);
        var certificate = create();
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12));
        File.WriteAllText(Path.ChangeExtension(pfx, ".crt"), certificate.ExportCertificatePem());
        return Load(pfx);
    }

    public static X509Certificate2 Load(string pfxPath) =>
        X509CertificateLoader.LoadPkcs12FromFile(pfxPath, null, X509KeyStorageFlags.Exportable);

    /// <summary>PEM certificates one after another (an OCPP certificateChain: leaf first).</summary>
    public static string ChainPem(params X509Certificate2[] chain) =>
        string.Concat(chain.Select(c => c.ExportCertificatePem() + "\n"));

    /// <summary>Every certificate of a PEM bundle, in order.</summary>
    public static IReadOnlyList<X509Certificate2> ParseChainPem(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return [.. collection];
    }
}
