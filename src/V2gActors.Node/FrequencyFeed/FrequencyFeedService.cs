using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using V2gActors.Engine.FrequencyFeed;
using V2gActors.Engine.Grid;

namespace V2gActors.Node.FrequencyFeed;

/// <summary>
/// Starts the node's <see cref="FrequencyFeedActor"/> (registry key <see cref="FrequencyFeedActor"/>) once the actor
/// system runs, and the UDP listener: a receive loop that decodes each datagram on the socket's own thread and tells
/// the actor, so a sample costs one parse and one Tell before GridIngress sees it.
/// </summary>
public sealed class FrequencyFeedService(
    IOptions<FrequencyFeedOptions> options, IServiceProvider services, ILogger<FrequencyFeedService> log) : BackgroundService
{
    private readonly TaskCompletionSource<IActorRef> _feed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _udp;

    /// <summary>The feed actor, once started (the WebSocket endpoint waits for it).</summary>
    public Task<IActorRef> Feed => _feed.Task;

    /// <summary>Checks each message's seal when <see cref="FrequencyFeedOptions.Key"/> is set.</summary>
    public FrequencySampleAuthenticator Authenticator { get; } = new(options.Value.Key);

    /// <summary>The bound UDP endpoint (port 0 resolved), or null without a UDP listener.</summary>
    public IPEndPoint? UdpEndpoint => _udp?.LocalEndPoint as IPEndPoint;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        // Resolved here, not in the constructor: the host builds every hosted service before starting any.
        var system = services.GetRequiredService<ActorSystem>();
        var registry = services.GetRequiredService<ActorRegistry>();
        var grid = await registry.GetAsync<GridIngressActor>(cancellationToken).ConfigureAwait(false);
        var feed = system.ActorOf(FrequencyFeedActor.Props(new FrequencyFeedSettings(grid, settings.MinHz, settings.MaxHz,
            TimeSpan.FromMilliseconds(settings.MaxAgeMilliseconds))), "frequency-feed");
        registry.TryRegister<FrequencyFeedActor>(feed);
        _feed.TrySetResult(feed);

        if (settings.Udp is { Length: > 0 } udp)
        {
            try
            {
                var endpoint = IPEndPoint.Parse(udp);
                var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                try { socket.Bind(endpoint); }
                catch { socket.Dispose(); throw; }
                _udp = socket;
                log.LogInformation("frequency feed: UDP on {Endpoint}", _udp.LocalEndPoint);
            }
            catch (Exception ex) when (ex is SocketException or FormatException)
            {
                // Like the command host: a feed port in use must never keep the node from serving chargers.
                log.LogError("frequency feed: UDP listener not started on {Endpoint}: {Reason}", udp, ex.Message);
            }
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_udp is not { } socket) return;
        var feed = await Feed.ConfigureAwait(false);
        var buffer = new byte[FrequencySampleAuthenticator.MaxMessageBytes + 1];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            catch (ObjectDisposedException) { break; }
            catch (SocketException ex)
            {
                // E.g. ICMP port unreachable reported on a later receive: not fatal for a listener.
                log.LogDebug("frequency feed: UDP receive: {Message}", ex.Message);
                continue;
            }
            Deliver(feed, buffer.AsSpan(0, received.ReceivedBytes), DateTimeOffset.UtcNow, "udp", received.RemoteEndPoint.ToString() ?? "?");
        }
    }

    /// <summary>Decodes one datagram or message and tells the feed actor (a refusal too, so it is counted).</summary>
    public void Deliver(IActorRef feed, ReadOnlySpan<byte> message, DateTimeOffset receivedAt, string transport, string remote)
    {
        if (!Authenticator.TryOpen(message, out var utf8, out var refusal))
        {
            feed.Tell(new FrequencySampleRefused(transport, remote, refusal!) { Unauthenticated = true });
            return;
        }
        if (FrequencySampleCodec.TryParse(utf8, out var sample, out var error))
            feed.Tell(new FrequencySampleReceived(sample, receivedAt, transport));
        else
            feed.Tell(new FrequencySampleRefused(transport, remote, error.Reason));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _udp?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
