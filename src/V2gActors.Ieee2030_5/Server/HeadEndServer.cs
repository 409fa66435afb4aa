using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Server.Endpoints;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.Notifications;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server;

/// <summary>
/// The IEEE 2030.5 head-end: HTTPS with a required client certificate chaining to the configured root,
/// loopback only. State lives in <see cref="State"/>; operators change programs and controls there and
/// subscribers are notified.
/// </summary>
public sealed class HeadEndServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NotificationSender _notifications;

    private HeadEndServer(WebApplication app, HeadEndState state, NotificationSender notifications, Uri baseAddress)
    {
        _app = app;
        State = state;
        _notifications = notifications;
        BaseAddress = baseAddress;
    }

    public HeadEndState State { get; }

    /// <summary>https://127.0.0.1:{port}/ — the DeviceCapability is at /dcap below it.</summary>
    public Uri BaseAddress { get; }

    public int NotificationsDelivered => _notifications.Delivered;
    public int NotificationsFailed => _notifications.Failed;

    public static async Task<HeadEndServer> StartAsync(HeadEndOptions options, ILoggerFactory? loggerFactory = null,
        HeadEndState? state = null, CancellationToken ct = default)
    {
        state ??= new HeadEndState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null) builder.Services.AddSingleton(loggerFactory);
        var clientTrust = Security.DevelopmentPki.TrustOnly(options.TrustedRoot);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Xml.SepXml.DefaultMaxBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = options.ServerCertificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                SslProtocols = CsipTls.Protocols,
                OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = CsipTls.Policy(),
                ClientCertificateValidation = (cert, _, _) => NotificationSender.ChainsTo(clientTrust, cert),
            }));
        });
        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>();
        var notifications = new NotificationSender(options.ServerCertificate, options.TrustedRoot, log.CreateLogger<NotificationSender>());
        var notifier = new ControlListNotifier(state, notifications);
        state.Programs.ControlsChanged += notifier.OnControlsChanged;

        var boundary = new SepErrorBoundary(log.CreateLogger<SepErrorBoundary>());
        app.Use((ctx, next) => boundary.Invoke(ctx, () => next(ctx)));
        app.Use((ctx, next) => CallerIdentity.Attach(ctx, () => next(ctx)));
        DiscoveryEndpoints.Map(app, state, options);
        EndDeviceEndpoints.Map(app, state, options);
        DerEndpoints.Map(app, state, options);
        DerProgramEndpoints.Map(app, state, options);
        ResponseEndpoints.Map(app, state, options);
        SubscriptionEndpoints.Map(app, state, options);
        MirrorUsagePointEndpoints.Map(app, state, options);

        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new HeadEndServer(app, state, notifications, new Uri($"https://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _notifications.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
