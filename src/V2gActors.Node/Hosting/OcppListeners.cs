using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using V2gActors.Node.Security;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Node.Hosting;

/// <summary>
/// Kestrel listeners for the OCPP endpoint: plain WebSocket (<c>V2g:Ocpp:Urls</c>, security profile 1) and TLS
/// (<c>V2g:Ocpp:Tls:Urls</c>, profiles 2 and 3). TLS uses the configured CSMS certificate and station CA, or the
/// development PKI under <c>V2g:Ocpp:Tls:PkiFolder</c>.
/// </summary>
public static class OcppListeners
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var plain = Urls(configuration["V2g:Ocpp:Urls"]);
        var tls = Urls(configuration["V2g:Ocpp:Tls:Urls"]);
        if (tls.Count == 0)
        {
            // Explicit listeners rather than UseUrls, so dedicated listeners (metrics, frequency feed) can be added beside.
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                foreach (var url in plain) Listen(kestrel, new Uri(url), _ => { });
            });
            return;
        }

        var pki = DevelopmentPki.LoadOrCreate(
            Path.GetFullPath(configuration["V2g:Ocpp:Tls:PkiFolder"] ?? "./data/pki"),
            [.. tls.Select(u => new Uri(u).Host)]);
        var serverCertificate = configuration["V2g:Ocpp:Tls:ServerCertificate"] is { Length: > 0 } serverPath
            ? X509CertificateLoader.LoadPkcs12FromFile(serverPath, configuration["V2g:Ocpp:Tls:ServerCertificatePassword"])
            : pki.Server;
        var stationCa = configuration["V2g:Ocpp:Tls:StationCa"] is { Length: > 0 } caPath
            ? X509CertificateLoader.LoadCertificateFromFile(caPath)
            : pki.CaPublic;
        builder.Services.AddSingleton(pki);
        builder.Services.AddSingleton<IOcppClientCertificateValidator>(new StationCertificateValidator(stationCa));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in plain) Listen(kestrel, new Uri(url), _ => { });
            foreach (var url in tls)
            {
                Listen(kestrel, new Uri(url), listen => listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13, // OCPP security: TLS 1.2 or newer
                    // Ask for a certificate but decide at the upgrade: there the station id is known, so the refusal can
                    // say why (wrong CN, foreign CA) instead of an opaque handshake failure. Profile 2 stations send none.
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                }));
            }
        });
    }

    private static List<string> Urls(string? value) =>
        [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    internal static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, Uri url,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> configure)
    {
        switch (url.Host)
        {
            case "localhost": kestrel.ListenLocalhost(url.Port, configure); break;
            case "0.0.0.0" or "*" or "+" or "[::]": kestrel.ListenAnyIP(url.Port, configure); break;
            default: kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port, configure); break;
        }
    }
}
