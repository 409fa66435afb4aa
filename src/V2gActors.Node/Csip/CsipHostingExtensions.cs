using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;
using V2gActors.Node.Demo;

namespace V2gActors.Node.Csip;

public static class CsipHostingExtensions
{
    /// <summary>
    /// The node as a CSIP aggregator (<c>V2g:Csip</c>): one <see cref="CsipFleetActor"/> per configured fleet once the
    /// actor system runs. With <c>--demo</c> (and <c>V2g:Csip:Demo:Enabled</c>), an in-process 2030.5 head-end on
    /// loopback plays the DSO instead of the configured server (see <see cref="DsoDemo"/>).
    /// </summary>
    public static IServiceCollection AddV2gCsip(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CsipOptions>(configuration.GetSection(CsipOptions.SectionName));
        services.Configure<DsoDemoOptions>(configuration.GetSection(DsoDemoOptions.SectionName));
        services.AddSingleton<CsipStatusBoard>();
        if (DsoDemo.IsOn(configuration))
        {
            services.AddSingleton<DsoDemo>();
            services.AddSingleton<ICsipConnectionSource>(sp => sp.GetRequiredService<DsoDemo>());
            services.PostConfigure<CsipOptions>(o => DsoDemo.Configure(o, configuration));
            services.AddHostedService<DsoDemoService>();
        }
        else
        {
            services.AddSingleton<ICsipConnectionSource, ConfiguredCsipConnection>();
        }
        services.AddHostedService<CsipAdapterService>();
        return services;
    }
}

/// <summary>
/// Starts the fleets' CSIP actors after the actor system (registered after the engine, so it starts later). Each is a
/// cluster singleton: a utility must see one client per EndDevice, and the oldest node runs it (with its GridIngress),
/// handing it over when that node leaves.
/// </summary>
public sealed class CsipAdapterService(
    IOptions<CsipOptions> options,
    ActorSystem system,
    ActorRegistry registry,
    ICsipConnectionSource connection,
    CsipStatusBoard board,
    ILogger<CsipAdapterService> logger) : IHostedService
{
    private readonly List<IActorRef> _actors = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        var grid = await registry.GetAsync<GridIngressActor>(cancellationToken).ConfigureAwait(false);
        var fleets = await registry.GetAsync<FleetRegion>(cancellationToken).ConfigureAwait(false);
        foreach (var fleet in o.Fleets.Where(f => f.FleetId.Length > 0))
        {
            var props = CsipFleetActor.Props(new CsipFleetSettings(o, fleet, connection, grid, fleets, board));
            _actors.Add(system.ActorOf(ClusterSingletonManager.Props(props, PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(system).WithSingletonName("fleet")), $"csip-{Uri.EscapeDataString(fleet.FleetId)}"));
        }
        logger.LogInformation("CSIP: {Count} fleet(s) as EndDevices of {Server}", _actors.Count, o.ServerUrl);
    }

    // The singletons stop (and hand over) with the actor system's coordinated shutdown.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
