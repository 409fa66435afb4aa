using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using V2gActors.Engine.Fleets;

namespace V2gActors.Node.Demo;

/// <summary>
/// With <c>--demo</c>: the configured fleets (<c>V2g:Dispatch:Fleets</c>, which own the demo's SIM- chargers) get a new
/// target every <see cref="DemoOptions.TargetEverySeconds"/> — charging, discharging, some for 12 s only, after which the
/// fleet reverts to the open-ended target before — and a summary line per fleet shows target vs allocated vs actual
/// (metered) power, the shortfall when the site limits cannot deliver the target, and any limit overloaded.
/// </summary>
public sealed class DemoDispatchService(
    IOptions<DemoOptions> options,
    DispatchOptions dispatch,
    ActorRegistry registry,
    IHostApplicationLifetime lifetime,
    ILogger<DemoDispatchService> logger) : BackgroundService
{
    /// <summary>Targets as a share of the fleet's charging capacity (members × their max charge); negative discharges.</summary>
    private static readonly (double Share, TimeSpan? Duration)[] Program =
    [
        (0.6, null), (-0.4, TimeSpan.FromSeconds(12)), (0.3, null), (1.2, TimeSpan.FromSeconds(12)), (-0.8, null), (0.0, null),
    ];

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled || dispatch.Fleets.IsEmpty) return;
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken).ConfigureAwait(false)) return;
        var fleets = await registry.GetAsync<FleetRegion>(stoppingToken).ConfigureAwait(false);

        var step = 0;
        var nextTarget = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(demo.TargetEverySeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(demo.SummaryEverySeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var states = await Task.WhenAll(dispatch.Fleets.Select(f => StateAsync(fleets, f.FleetId))).ConfigureAwait(false);
                logger.LogInformation("Demo dispatch | {Fleets}", string.Join(" | ", states.Select(Summary)));
                var populated = states.OfType<FleetStateView>().Where(s => s.Members.Length > 0).ToList();
                if (DateTimeOffset.UtcNow < nextTarget || populated.Count == 0) continue;
                nextTarget = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(demo.TargetEverySeconds);
                var (share, duration) = Program[step++ % Program.Length];
                foreach (var state in populated)
                {
                    var capacity = state.Members.Sum(m => m.Bounds.MaxChargeW);
                    var target = Math.Round(share * capacity, 0);
                    // The summary line shows the outcome; Nobody swallows the fleet's acknowledgement.
                    fleets.Tell(new DispatchFleetTarget(state.FleetId, target, duration, "demo"), ActorRefs.Nobody);
                    logger.LogInformation("Demo dispatch | {Fleet}: new target {Target:0.0} kW{Duration}", state.FleetId, target / 1000,
                        duration is { } d ? $" for {d.TotalSeconds:0} s" : "");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<FleetStateView?> StateAsync(IActorRef fleets, string fleetId)
    {
        try { return await fleets.Ask<FleetStateView>(new GetFleetState(fleetId), AskTimeout).ConfigureAwait(false); }
        catch (AskTimeoutException) { return null; }
    }

    private static string Summary(FleetStateView? s) => s is null ? "(no answer)" : string.Create(CultureInfo.InvariantCulture,
        $"{s.FleetId}: target {Kw(s.TargetW)} allocated {Kw(s.AllocatedW)} actual {Kw(s.ActualW)} ({s.Members.Length} EVs" +
        $"{(s.ShortfallW is { } f && Math.Abs(f) >= 1 ? $", shortfall {Kw(f)}" : "")}{(s.ViolatedLimits.IsEmpty ? "" : $", over {string.Join('/', s.ViolatedLimits)}")})");

    private static string Kw(double? w) => w is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v / 1000:0.0} kW") : "-";
}

public static class DemoDispatchHosting
{
    /// <summary>
    /// The node's dispatch wiring: <c>V2g:Dispatch</c> (fleets, sites, limits, chargers) for the engine, and the demo's
    /// target changes and per-fleet summary (active with <c>--demo</c> only).
    /// </summary>
    public static IServiceCollection AddV2gDispatchWithDemo(this IServiceCollection services, IConfiguration configuration) =>
        services.AddV2gDispatchConfiguration(configuration).AddHostedService<DemoDispatchService>();
}
