using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace V2gActors.Node.Csip;

/// <summary>Where the CSIP server is and the credentials to reach it.</summary>
public sealed record CsipConnection(Uri ServerBaseAddress, X509Certificate2 ClientCertificate, X509Certificate2 TrustedRoot);

/// <summary>Supplies the connection when the adapter starts (from files, or the demo's in-process head-end).</summary>
public interface ICsipConnectionSource
{
    Task<CsipConnection> GetAsync(CancellationToken ct);
}

/// <summary>The connection described by <c>V2g:Csip</c>: server URL, PKCS#12 client certificate, trusted root file.</summary>
public sealed class ConfiguredCsipConnection(IOptions<CsipOptions> options) : ICsipConnectionSource
{
    public Task<CsipConnection> GetAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.ClientCertificate.Length == 0 || o.TrustedRoot.Length == 0)
            throw new InvalidOperationException("V2g:Csip:ClientCertificate and V2g:Csip:TrustedRoot are required");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(o.ClientCertificate),
            o.ClientCertificatePassword.Length == 0 ? null : o.ClientCertificatePassword);
        var rootFile = Path.GetFullPath(o.TrustedRoot);
        var root = File.ReadAllText(rootFile).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(File.ReadAllText(rootFile))
            : X509CertificateLoader.LoadCertificateFromFile(rootFile);
        return Task.FromResult(new CsipConnection(new Uri(o.ServerUrl), certificate, root));
    }
}
