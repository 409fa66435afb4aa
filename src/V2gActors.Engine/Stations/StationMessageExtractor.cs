using Akka.Cluster.Sharding;

namespace V2gActors.Engine.Stations;

/// <summary>Routes <see cref="IStationCommand"/>s to the entity named by the station id.</summary>
public sealed class StationMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public override string? EntityId(object message) => (message as IStationCommand)?.StationId;
}

/// <summary>ActorRegistry key of the station-dispatch shard region.</summary>
public sealed class StationDispatchRegion
{
    public const string TypeName = "station-dispatch";
}
