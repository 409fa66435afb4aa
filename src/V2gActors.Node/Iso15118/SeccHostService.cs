using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using V2gActors.Engine.Sessions;
using V2gActors.Iso15118.Sdp;
using V2gActors.Iso15118.Secc;
using V2gActors.Iso15118.Tls;
using V2gActors.Iso15118.Transport;

namespace V2gActors.Node.Iso15118;

/// <summary>
/// Runs the node's ISO 15118-20 SECC: V2GTP over TLS 1.3 (<see cref="V2gtpTlsServer"/>), SDP on UDP (unicast, and
/// multicast on ff02::1 when configured), and for each connecting EV a <see cref="SeccSessionActor"/> binding it to a
/// sharded vehicle session of the configured fleet/EVSE.
/// </summary>
public sealed class SeccHostService(
    IOptions<SeccHostOptions> options,
    IServiceProvider services,
    SeccEndpoint endpoint,
    ILogger<SeccHostService> logger) : IHostedService, IAsyncDisposable
{
    private V2gtpTlsServer? _server;
    private SdpServer? _sdp;
    private SdpServer? _multicast;
    private X509Certificate2? _root;
    private int _next;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var system = services.GetRequiredService<ActorSystem>();
        var sessions = await services.GetRequiredService<ActorRegistry>().GetAsync<VehicleSessionRegion>(cancellationToken).ConfigureAwait(false);
        var address = string.IsNullOrWhiteSpace(o.Address) ? SdpClient.LoopbackAddress() : IPAddress.Parse(o.Address);
        (var certificate, _root) = Certificates(o, address);
        var secc = o.ToSeccOptions();
        var binding = o.ToBinding();
        var boundsRefresh = TimeSpan.FromSeconds(Math.Max(0.1, o.BoundsRefreshSeconds));
        var watchRefresh = TimeSpan.FromSeconds(Math.Max(1, o.WatchRefreshSeconds));

        try
        {
            Listen(o, address, certificate, secc, binding, sessions, system, boundsRefresh, watchRefresh);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // A taken port must not stop the node (OCPP and dispatch keep working); the operator sees why.
            logger.LogError("SECC: cannot listen on {Address}:{Port} / SDP {SdpPort}: {Reason}; ISO 15118-20 is unavailable on this node",
                address, o.Port, o.SdpPort, e.Message);
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Listen(SeccHostOptions o, IPAddress address, X509Certificate2 certificate, SeccOptions secc, SeccBinding binding,
        IActorRef sessions, ActorSystem system, TimeSpan boundsRefresh, TimeSpan watchRefresh)
    {
        _server = V2gtpTlsServer.Start(new V2gtpServerOptions(new IPEndPoint(address, o.Port), certificate, secc), remote =>
        {
            var sessionId = $"{binding.StationId}-{binding.EvseId}-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Interlocked.Increment(ref _next)}";
            var forwarder = new BoundsForwarder();
            var live = new SeccLiveSession(sessionId, new SeccSessionContext(forwarder));
            forwarder.Target = system.ActorOf(SeccSessionActor.Props(live, binding, secc.Limits, sessions, boundsRefresh, watchRefresh));
            endpoint.Add(live);
            logger.LogInformation("SECC: EV at {Remote} → vehicle session {Session} (fleet {Fleet}, {Station}/{Evse})",
                remote, sessionId, binding.FleetId, binding.StationId, binding.EvseId);
            return live.Context;
        });
        var announced = Announced(_server.LocalEndPoint, o.SdpInterface);
        if (o.SdpPort >= 0) _sdp = SdpServer.Start(new IPEndPoint(address, o.SdpPort), announced);
        if (o.SdpMulticast) _multicast = StartMulticast(o, announced);
        endpoint.Started(_server.LocalEndPoint, _sdp?.LocalEndPoint, _root!, binding);
        logger.LogInformation("SECC: ISO 15118-20 over TLS 1.3 on {Tls}, SDP on {Sdp}{Multicast}; sessions join fleet {Fleet} at {Station}/{Evse}",
            _server.LocalEndPoint, _sdp?.LocalEndPoint.ToString() ?? "(off)", _multicast is null ? "" : " and ff02::1 multicast",
            binding.FleetId, binding.StationId, binding.EvseId);
    }

    /// <summary>
    /// The endpoint SDP announces. An SECC listening on every address (<c>::</c>) announces the link-local address of
    /// the SDP interface (as on a PLC link; the first non-loopback interface when none is named), else loopback.
    /// </summary>
    private static IPEndPoint Announced(IPEndPoint listening, string interfaceName)
    {
        if (!listening.Address.Equals(IPAddress.IPv6Any) && !listening.Address.Equals(IPAddress.Any)) return listening;
        var nic = NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up)
            .FirstOrDefault(n => string.IsNullOrEmpty(interfaceName) ? n.NetworkInterfaceType != NetworkInterfaceType.Loopback : n.Name == interfaceName);
        var linkLocal = nic?.GetIPProperties().UnicastAddresses.Select(a => a.Address).FirstOrDefault(a => a.IsIPv6LinkLocal);
        return new IPEndPoint(linkLocal ?? IPAddress.IPv6Loopback, listening.Port);
    }

    private SdpServer? StartMulticast(SeccHostOptions o, IPEndPoint announced)
    {
        try
        {
            return SdpServer.StartMulticast(o.SdpPort > 0 ? o.SdpPort : SdpServer.DefaultPort, o.SdpInterface, announced);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            // A node without an IPv6 link (containers, CI) still serves unicast SDP and the SECC itself.
            logger.LogWarning("SECC: SDP multicast on ff02::1 unavailable ({Reason}); unicast SDP only", e.Message);
            return null;
        }
    }

    private static (X509Certificate2 Certificate, X509Certificate2 Root) Certificates(SeccHostOptions o, IPAddress address)
    {
        if (string.IsNullOrWhiteSpace(o.CertificatePath))
        {
            var pki = DevelopmentSeccPki.Create(o.IsoEvseId, [address.ToString()]);
            return (pki.SeccCertificate, pki.RootPublic);
        }
        var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(o.CertificatePath, o.CertificatePassword);
        var leaf = collection.First(c => c.HasPrivateKey);
        // The chain's self-signed certificate, if the PFX carries it; otherwise the leaf stands in (status display only).
        var root = collection.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData)) ?? leaf;
        return (leaf, X509CertificateLoader.LoadCertificate(root.RawData));
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_multicast is { } m) await m.DisposeAsync().ConfigureAwait(false);
        if (_sdp is { } sdp) await sdp.DisposeAsync().ConfigureAwait(false);
        if (_server is { } server) await server.DisposeAsync().ConfigureAwait(false);
        (_multicast, _sdp, _server) = (null, null, null);
    }
}

public static class SeccHostingExtensions
{
    /// <summary>
    /// The node's SECC (section <c>V2g:Iso15118</c>), when enabled there or by <c>--demo</c>. Needs the engine
    /// (<c>AddV2gEngine</c>) registered before it: sessions are bound to the vehicle-session shard region.
    /// </summary>
    public static IServiceCollection AddV2gSecc(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SeccHostOptions.SectionName);
        services.Configure<SeccHostOptions>(section);
        services.AddSingleton<SeccEndpoint>();
        if (section.GetValue(nameof(SeccHostOptions.Enabled), false) || configuration.GetValue("V2g:Demo:Enabled", false))
            services.AddHostedService<SeccHostService>();
        return services;
    }

    /// <summary>The demo's simulated EVs (<c>V2g:Demo:Vehicles</c>), active with <c>--demo</c>.</summary>
    public static IServiceCollection AddDemoVehicles(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Demo.DemoVehicleOptions>(configuration.GetSection(Demo.DemoVehicleOptions.SectionName));
        if (configuration.GetValue("V2g:Demo:Enabled", false)) services.AddHostedService<Demo.DemoVehiclesService>();
        return services;
    }
}
