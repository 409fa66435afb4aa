using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using V2gActors.Engine.Chargers;

namespace V2gActors.Engine.Credentials;

public static class CredentialHostingExtensions
{
    /// <summary>
    /// Registers the station credential shard region (registry key <see cref="StationCredentialRegion"/>). Needs the
    /// charger region registered before it (rotation sends SetVariables through the charger entity).
    /// </summary>
    public static AkkaConfigurationBuilder AddV2gCredentials(this AkkaConfigurationBuilder builder, int numberOfShards) =>
        builder.WithShardRegion<StationCredentialRegion>(
            StationCredentialRegion.TypeName,
            (_, registry) => stationId => StationCredentialActor.Props(stationId, registry.Get<ChargerRegion>()),
            new StationCredentialMessageExtractor(numberOfShards),
            new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopStationCredential.Instance });
}
