using Akka.Cluster.Sharding;

namespace V2gActors.Engine.Chargers;

/// <summary>Routes <see cref="IChargerCommand"/>s to the entity named by the station id.</summary>
public sealed class ChargerMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    // Akka's base class already routes ShardRegion.StartEntity (used by remember-entities) on its own.
    public override string? EntityId(object message) => (message as IChargerCommand)?.StationId;
}

/// <summary>ActorRegistry key of the charger shard region (Akka.Hosting <c>WithShardRegion&lt;ChargerRegion&gt;</c>).</summary>
public sealed class ChargerRegion
{
    public const string TypeName = "charger";
}
