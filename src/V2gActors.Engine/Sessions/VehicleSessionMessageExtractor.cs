using Akka.Cluster.Sharding;

namespace V2gActors.Engine.Sessions;

/// <summary>Routes <see cref="ISessionCommand"/>s to the entity named by the session id.</summary>
public sealed class VehicleSessionMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public override string? EntityId(object message) => (message as ISessionCommand)?.SessionId;
}

/// <summary>ActorRegistry key of the vehicle-session shard region.</summary>
public sealed class VehicleSessionRegion
{
    public const string TypeName = "vehicle-session";
}
