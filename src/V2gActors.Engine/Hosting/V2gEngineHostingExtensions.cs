using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Credentials;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;
using V2gActors.Engine.Metrics;
using V2gActors.Engine.Persistence;
using V2gActors.Engine.Serialization;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Engine.Hosting;

public static class V2gEngineHostingExtensions
{
    /// <summary>
    /// Wires the engine into an actor system: persistence HOCON (and the SQLite file prepared), remoting + cluster
    /// (a single node joins itself when no seeds are configured), the <see cref="V2gSerializer"/> binding, the
    /// charger shard region (registry key <see cref="ChargerRegion"/>) and this node's <see cref="ConnectionsSupervisor"/>
    /// (registry key <see cref="ConnectionsSupervisor"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddV2gEngine(this AkkaConfigurationBuilder builder, EngineOptions options,
        global::V2gActors.Engine.Chargers.Certificates.CsmsCertificateAuthority? certificates = null,
        DispatchOptions? dispatch = null)
    {
        var persistence = options.ToPersistenceOptions();
        PersistenceSetup.PrepareDatabase(persistence);
        var chargerSettings = options.ToChargerSettings() with { Certificates = certificates ?? options.ToCertificateAuthority() };
        var commandTimeout = TimeSpan.FromSeconds(options.Chargers.CommandTimeoutSeconds);

        if (PersistenceSetup.DataOptionsSetupFor(persistence) is { } dataOptions) builder.AddSetup(dataOptions);
        builder
            .AddHocon(PersistenceSetup.ToHocon(persistence), HoconAddMode.Prepend)
            .AddHocon(ClusterSetup.ToHocon(options.Cluster), HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions
            {
                HostName = options.Remoting.Hostname,
                Port = options.Remoting.Port,
                PublicHostName = options.Remoting.PublicHostname,
            })
            .WithClustering(new ClusterOptions
            {
                SeedNodes = options.SeedNodes.Length > 0 ? options.SeedNodes : null,
                Roles = [options.Cluster.Role],
            })
            .WithCustomSerializer(V2gSerializer.Name, [typeof(IV2gSerializable)], system => new V2gSerializer(system))
            // Durable (LMDB) keys off: remembered entities only matter while the cluster runs, because a charger that
            // reconnects after a full restart recreates its entity anyway.
            .WithShardingDistributedData(new ShardingDDataOptions { Durable = new DurableOptions { Keys = [] } })
            .WithShardRegion<ChargerRegion>(
                ChargerRegion.TypeName,
                (_, registry) => stationId => ChargerActor.Props(stationId, chargerSettings, stations: registry.Get<Stations.StationDispatchRegion>()),
                new ChargerMessageExtractor(options.Chargers.NumberOfShards),
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    RememberEntities = true,
                    RememberEntitiesStore = options.Cluster.Sharding.RememberEntitiesStore,
                    HandOffStopMessage = StopCharger.Instance,
                })
            .WithActors((system, registry) =>
            {
                var region = registry.Get<ChargerRegion>();
                registry.Register<ConnectionsSupervisor>(
                    system.ActorOf(ConnectionsSupervisor.Props(region, commandTimeout), "charger-connections"));
            })
            // Station passwords (rotation, what the WebSocket upgrade checks): Credentials/.
            .AddV2gCredentials(options.Chargers.NumberOfShards)
            // Fleets, vehicle sessions and this node's GridIngress (Fleets/DispatchHostingExtensions.cs).
            .AddV2gDispatch(dispatch)
            // Per-stage dispatch latency histograms (Metrics/), answered to GetDispatchLatency.
            .AddV2gDispatchLatency()
            // Pre-positioned LocalFrequency curves for armed fleets (Grid/LocalFrequencyActor.cs).
            .AddV2gLocalFrequency()
            // Volt-var / volt-watt controls to the fleets' stations as SetDERControl (Grid/VoltageCurveActor.cs).
            .AddV2gVoltageCurves();

        if (options.SeedNodes.Length == 0)
        {
            // Seed = self, whatever port remoting actually bound (0 in tests).
            builder.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }
        return builder;
    }

    /// <summary>
    /// Registers the actor system named <see cref="EngineOptions.ActorSystemName"/> with the engine, the options
    /// (bound from section "V2g") and the <see cref="IOcppConnectionHandler"/> the WebSocket transport calls.
    /// <paramref name="configure"/> adds node-specific parts (logging, more actors) to the same builder.
    /// </summary>
    public static IServiceCollection AddV2gEngine(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configure = null)
    {
        var options = EngineOptions.FromConfiguration(configuration);
        return services.AddV2gEngine(options, configure);
    }

    public static IServiceCollection AddV2gEngine(
        this IServiceCollection services,
        EngineOptions options,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configure = null)
    {
        services.AddSingleton(options);
        // One certificate authority per node, shared by the entities and reachable from DI (operators revoke through it).
        var certificates = options.ToCertificateAuthority();
        services.AddSingleton(certificates);
        services.AddAkka(options.ActorSystemName, (builder, provider) =>
        {
            builder.AddV2gEngine(options, certificates, provider.GetService<DispatchOptions>());
            configure?.Invoke(builder, provider);
        });
        return services.AddV2gConnectionHandler();
    }

    /// <summary>The transport's <see cref="IOcppConnectionHandler"/>, backed by this node's connection actors.</summary>
    public static IServiceCollection AddV2gConnectionHandler(this IServiceCollection services)
    {
        services.AddSingleton<ChargerConnectionHandler>();
        services.AddSingleton<IOcppConnectionHandler>(sp => sp.GetRequiredService<ChargerConnectionHandler>());
        return services;
    }
}
