using Akka.Actor;
using V2gActors.Node.Iso15118;

namespace V2gActors.LoadTest.Targets;

/// <summary>A target whose ISO 15118-20 SECC the charge-loop scenario can reach (today: the in-process node).</summary>
public interface ISeccTarget
{
    /// <summary>The node's SECC once it listens (V2GTP/TLS and SDP endpoints, trusted root, fleet binding).</summary>
    Task<SeccEndpoint> SeccAsync(CancellationToken cancellationToken = default);

    /// <summary>The fleet shard region, to dispatch a target to the SECC's fleet mid-run.</summary>
    Task<IActorRef> FleetRegionAsync(CancellationToken cancellationToken = default);
}
