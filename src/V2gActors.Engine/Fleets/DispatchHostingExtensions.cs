using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets.Layout;
using V2gActors.Engine.Grid;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Stations;

namespace V2gActors.Engine.Fleets;

/// <summary>Shard counts, fleet settings and configured fleets of the dispatch part of the engine (section <c>V2g:Dispatch</c>).</summary>
public sealed record DispatchOptions(int NumberOfShards, FleetSettings Fleet)
{
    public static DispatchOptions Default { get; } = new(100, FleetSettings.Default);

    /// <summary>Fleets from the configuration, with their sites, limits and chargers.</summary>
    public ImmutableArray<ConfiguredFleet> Fleets { get; init; } = [];
}

public static class DispatchHostingExtensions
{
    /// <summary>
    /// Registers the fleet and vehicle-session shard regions (registry keys <see cref="FleetRegion"/>,
    /// <see cref="VehicleSessionRegion"/>) and this node's <see cref="GridIngressActor"/> (registry key
    /// <see cref="GridIngressActor"/>), the station-dispatch region (<see cref="StationDispatchRegion"/>), this node's
    /// <see cref="ChargerNoticeRelay"/>, and a <see cref="FleetLayoutSeeder"/> for the configured fleets. Needs the charger
    /// region (<see cref="ChargerRegion"/>) registered before it.
    /// </summary>
    public static AkkaConfigurationBuilder AddV2gDispatch(this AkkaConfigurationBuilder builder, DispatchOptions? options = null)
    {
        options ??= DispatchOptions.Default;
        return builder
            // The regions reference each other (fleet → sessions, session → fleets), so each entity resolves them from
            // the registry when it starts, after both regions exist.
            .WithShardRegion<FleetRegion>(
                FleetRegion.TypeName,
                (_, registry) => fleetId => FleetActor.Props(fleetId, options.Fleet,
                    registry.Get<ChargerRegion>(), registry.Get<VehicleSessionRegion>(), stations: registry.Get<StationDispatchRegion>()),
                new FleetMessageExtractor(options.NumberOfShards),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopFleet.Instance })
            .WithShardRegion<VehicleSessionRegion>(
                VehicleSessionRegion.TypeName,
                (_, registry) => sessionId => VehicleSessionActor.Props(sessionId, registry.Get<FleetRegion>()),
                new VehicleSessionMessageExtractor(options.NumberOfShards),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopVehicleSession.Instance })
            .WithShardRegion<StationDispatchRegion>(
                StationDispatchRegion.TypeName,
                (_, registry) => stationId => StationDispatchActor.Props(stationId, registry.Get<VehicleSessionRegion>(), registry.Get<FleetRegion>()),
                new StationMessageExtractor(options.NumberOfShards),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopStationDispatch.Instance })
            .WithActors((system, registry) => registry.Register<GridIngressActor>(
                system.ActorOf(GridIngressActor.Props(new GridIngressSettings(registry.Get<FleetRegion>())), "grid-ingress")))
            .WithActors((system, registry) =>
            {
                system.ActorOf(ChargerNoticeRelay.Props(registry.Get<StationDispatchRegion>()), "dispatch-relay");
                system.ActorOf(FleetLayoutSeeder.Props(registry.Get<FleetRegion>(), options.Fleets), "fleet-layout-seeder");
            });
    }

    /// <summary>
    /// The node's one line: binds <c>V2g:Dispatch</c> (fleets, sites, limits, chargers; validated now, so a broken layout
    /// stops the node at start) into the <see cref="DispatchOptions"/> that <c>AddV2gEngine</c> uses.
    /// </summary>
    public static IServiceCollection AddV2gDispatchConfiguration(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(DispatchSection.From(configuration).ToOptions());
}
