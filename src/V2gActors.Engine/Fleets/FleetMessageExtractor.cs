using Akka.Cluster.Sharding;

namespace V2gActors.Engine.Fleets;

/// <summary>Routes <see cref="IFleetCommand"/>s to the entity named by the fleet id.</summary>
public sealed class FleetMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public override string? EntityId(object message) => (message as IFleetCommand)?.FleetId;
}

/// <summary>ActorRegistry key of the fleet shard region.</summary>
public sealed class FleetRegion
{
    public const string TypeName = "fleet";
}
