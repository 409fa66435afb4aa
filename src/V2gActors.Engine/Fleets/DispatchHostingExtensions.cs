using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Grid;
using V2gActors.Engine.Sessions;

namespace V2gActors.Engine.Fleets;

/// <summary>Shard counts and fleet settings of the dispatch part of the engine.</summary>
public sealed record DispatchOptions(int NumberOfShards, FleetSettings Fleet)
{
    public static DispatchOptions Default { get; } = new(100, FleetSettings.Default);
}

public static class DispatchHostingExtensions
{
    /// <summary>
    /// Registers the fleet and vehicle-session shard regions (registry keys <see cref="FleetRegion"/>,
    /// <see cref="VehicleSessionRegion"/>) and this node's <see cref="GridIngressActor"/> (registry key
    /// <see cref="GridIngressActor"/>). Needs the charger region (<see cref="ChargerRegion"/>) registered before it.
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
                    registry.Get<ChargerRegion>(), registry.Get<VehicleSessionRegion>()),
                new FleetMessageExtractor(options.NumberOfShards),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopFleet.Instance })
            .WithShardRegion<VehicleSessionRegion>(
                VehicleSessionRegion.TypeName,
                (_, registry) => sessionId => VehicleSessionActor.Props(sessionId, registry.Get<FleetRegion>()),
                new VehicleSessionMessageExtractor(options.NumberOfShards),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopVehicleSession.Instance })
            .WithActors((system, registry) => registry.Register<GridIngressActor>(
                system.ActorOf(GridIngressActor.Props(new GridIngressSettings(registry.Get<FleetRegion>())), "grid-ingress")));
    }
}
