using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using V2gActors.Cmd.Palettes;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Host;

/// <summary>
/// The node's command host: a TCP listener whose clients each get a <see cref="CommandSession"/>. It starts after the
/// actor system (registered after Akka.Hosting) and a failure to bind only disables it: an operator port in use must
/// never keep the node from serving chargers.
/// </summary>
public sealed class CommandHostService(IServiceProvider services, IOptions<CommandHostOptions> options, ILogger<CommandHostService> logger)
    : BackgroundService
{
    private readonly CommandHostOptions _options = options.Value;
    private TcpListener? _listener;
    private CommandDispatcher? _dispatcher;
    private int _sessions;

    /// <summary>Where the host listens once started (the real port when configured with 0); null when disabled or unbound.</summary>
    public IPEndPoint? Endpoint { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            logger.LogInformation("Command host disabled (V2g:CommandHost:Enabled=false)");
            return Task.CompletedTask;
        }

        // Resolved here, not in the constructor: the host resolves every hosted service before starting any, and the
        // palettes need the started ActorSystem.
        var gate = new TokenGate(_options.Token);
        _dispatcher = new CommandDispatcher(services.GetServices<ICommandPalette>(), gate,
            TimeSpan.FromSeconds(_options.CommandTimeoutSeconds), logger);
        try
        {
            var listener = new TcpListener(IPAddress.Parse(_options.Host), _options.Port);
            listener.Start();
            _listener = listener;
            Endpoint = (IPEndPoint)listener.LocalEndpoint;
            logger.LogInformation("Command host listening on {Endpoint} ({Palettes}); state-changing commands {Auth}",
                Endpoint, string.Join(", ", _dispatcher.Catalog.Palettes.Select(p => p.Name)),
                gate.IsConfigured ? "need the token" : "disabled (no token configured)");
        }
        catch (Exception ex) when (ex is SocketException or FormatException)
        {
            logger.LogError("Command host not started on {Host}:{Port}: {Reason}", _options.Host, _options.Port, ex.Message);
            return Task.CompletedTask;
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener!;
        await using var stopListening = stoppingToken.Register(listener.Stop).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                logger.LogWarning("Command host accept failed: {Reason}", ex.Message);
                continue;
            }
            _ = ServeAsync(client, stoppingToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        try
        {
            if (Interlocked.Increment(ref _sessions) > _options.MaxConnections)
            {
                using (client)
                {
                    var busy = ProtocolJson.Line(new DoneReply(CommandStatus.Failed, $"Busy: {_options.MaxConnections} clients connected already.")) + "\n";
                    await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(busy), stoppingToken).ConfigureAwait(false);
                }
                return;
            }
            await new CommandSession(client, _dispatcher!, _options, logger).RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Last line of defence: a session bug ends that session, not the listener or the node.
            logger.LogError(ex, "Command host session failed");
        }
        finally
        {
            Interlocked.Decrement(ref _sessions);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Stop();
        if (_listener is not null) await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
