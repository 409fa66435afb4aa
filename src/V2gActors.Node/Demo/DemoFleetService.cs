using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using V2gActors.Node.Hosting;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Node.Demo;

/// <summary>
/// With <c>--demo</c>: once Kestrel listens, connects a simulated fleet to this node's own OCPP endpoint over real
/// WebSockets and prints a summary line (simulator side and node side) until the host stops.
/// </summary>
public sealed class DemoFleetService(
    IOptions<DemoOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    NodeActivity activity,
    IConfiguration configuration,
    ILoggerFactory loggers,
    ILogger<DemoFleetService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled) return;
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken).ConfigureAwait(false)) return;

        var csms = OcppBaseUri();
        var password = configuration["V2g:Demo:Password"];
        logger.LogInformation("Demo: connecting {Count} simulated chargers to {Csms}", demo.Chargers, csms);
        await using var fleet = new ChargerFleetSimulator(demo.Chargers, demo.StationIdPrefix, new ChargerSimulatorOptions
        {
            CsmsUri = csms,
            Password = password,
            HeartbeatOverride = TimeSpan.FromSeconds(demo.HeartbeatSeconds),
            MeterInterval = TimeSpan.FromSeconds(demo.MeterIntervalSeconds),
            PlugInAfter = TimeSpan.FromSeconds(demo.PlugInAfterSeconds),
            TransactionDuration = TimeSpan.FromSeconds(demo.TransactionSeconds),
            // The EVs tell the CSMS their needs when they plug in: that is how they join their charger's fleet.
            EvNeeds = new SimulatedEvNeeds { DepartureAfter = TimeSpan.FromSeconds(demo.TransactionSeconds) },
        }, loggers);
        await fleet.StartAsync(demo.ConnectPerSecond, stoppingToken).ConfigureAwait(false);

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(demo.SummaryEverySeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                logger.LogInformation("Demo | simulator: {Simulator} | node: {Node}", fleet.Stats, activity);
        }
        catch (OperationCanceledException)
        {
        }
        logger.LogInformation("Demo: stopping simulated chargers");
    }

    /// <summary>The address Kestrel actually bound (port 0 is allowed), as <c>ws://host:port/ocpp</c>.</summary>
    private Uri OcppBaseUri()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        var path = (configuration["V2g:Ocpp:Path"] ?? NodeHost.DefaultOcppPath).Replace("/{stationId}", "", StringComparison.Ordinal);
        var http = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws", Path = path }.Uri;
    }
}
