using Akka.Cluster.Sharding;

namespace V2gActors.Engine.Credentials;

public sealed class StationCredentialMessageExtractor(int numberOfShards) : HashCodeMessageExtractor(numberOfShards)
{
    public override string? EntityId(object message) => (message as IStationCredentialCommand)?.StationId;
}
