using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace V2gActors.Node.Hosting;

/// <summary>
/// An extra Kestrel listener of its own (metrics, the frequency feed's WebSocket) beside the OCPP ones, so what it
/// serves is reachable on its address only: endpoints check <see cref="Owns"/>. Port 0 resolves when Kestrel binds.
/// </summary>
public sealed class DedicatedListener
{
    private ListenOptions? _bound;

    private DedicatedListener(Uri url) => Url = url;

    /// <summary>As configured (port 0 = any free port).</summary>
    public Uri Url { get; }

    /// <summary>The port Kestrel bound (after start).</summary>
    public int Port => _bound?.IPEndPoint?.Port ?? Url.Port;

    /// <summary><see cref="Url"/> with the bound port.</summary>
    public Uri BoundUrl => new UriBuilder(Url) { Port = Port }.Uri;

    public static DedicatedListener Add(WebApplicationBuilder builder, string url)
    {
        var listener = new DedicatedListener(new Uri(url));
        builder.WebHost.ConfigureKestrel(kestrel => OcppListeners.Listen(kestrel, listener.Url, options => listener._bound = options));
        return listener;
    }

    /// <summary>True when the request arrived on this listener.</summary>
    public bool Owns(HttpContext context) => context.Connection.LocalPort == Port;
}
