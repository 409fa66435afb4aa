using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Server.Http;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>
/// The HTTPS endpoint a server posts Notifications to. Mutual TLS both ways: the client presents its own
/// certificate as the listener's, and only a server chaining to the trusted root may deliver.
/// Bad bodies are answered with 400 + Error like on the server side.
/// </summary>
public sealed class NotificationListener : IAsyncDisposable
{
    public const string Path = "/ntfy";
    private readonly WebApplication _app;

    private NotificationListener(WebApplication app, Uri notificationUri)
    {
        _app = app;
        NotificationUri = notificationUri;
    }

    /// <summary>The absolute URI to put in Subscription.notificationURI.</summary>
    public Uri NotificationUri { get; }

    public static async Task<NotificationListener> StartAsync(X509Certificate2 certificate, X509Certificate2 trustedRoot,
        Func<Notification, Task> onNotification, int port = 0, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var trust = DevelopmentPki.TrustOnly(trustedRoot);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Xml.SepXml.DefaultMaxBytes;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                SslProtocols = CsipTls.Protocols,
                OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = CsipTls.Policy(),
                ClientCertificateValidation = (cert, _, _) => SepHttpClient.ChainsTo(trust, cert),
            }));
        });
        var app = builder.Build();
        var boundary = new SepErrorBoundary(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SepErrorBoundary>());
        app.Use((ctx, next) => boundary.Invoke(ctx, () => next(ctx)));
        app.MapPost(Path, async (HttpContext ctx) =>
        {
            var notification = await SepRequest.ReadAsync<Notification>(ctx.Request);
            await onNotification(notification);
            return SepResults.NoContent();
        });
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new NotificationListener(app, new Uri($"https://127.0.0.1:{new Uri(address).Port}{Path}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
