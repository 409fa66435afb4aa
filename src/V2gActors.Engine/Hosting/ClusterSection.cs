using Akka.Cluster.Sharding;

namespace V2gActors.Engine.Hosting;

/// <summary>
/// How this node behaves as a cluster member (section <c>V2g:Cluster</c>). The defaults suit one machine and a cluster
/// alike; <c>config/cluster-node.json</c> switches remembered entities into the shared journal. Turned into HOCON by
/// <see cref="ClusterSetup"/>.
/// </summary>
public sealed class ClusterSection
{
    /// <summary>
    /// The role of engine nodes: they host the shard regions and are the members the split brain resolver counts, so
    /// tools that join the cluster with another role (tests, dashboards) neither get shards nor tip a majority.
    /// </summary>
    public string Role { get; set; } = "v2g";

    public SplitBrainResolverSection SplitBrainResolver { get; set; } = new();

    public FailureDetectorSection FailureDetector { get; set; } = new();

    public ShardingSection Sharding { get; set; } = new();

    public sealed class SplitBrainResolverSection
    {
        /// <summary>Only <c>keep-majority</c>: the side with more engine nodes survives, the other downs itself.</summary>
        public string Strategy { get; set; } = ClusterSetup.KeepMajority;

        /// <summary>Membership must be stable this long before unreachable members are downed.</summary>
        public double StableAfterSeconds { get; set; } = 10;
    }

    public sealed class FailureDetectorSection
    {
        public double HeartbeatIntervalSeconds { get; set; } = 1;

        /// <summary>Pauses (GC, a loaded host) shorter than this never make a member unreachable.</summary>
        public double AcceptableHeartbeatPauseSeconds { get; set; } = 5;
    }

    public sealed class ShardingSection
    {
        /// <summary>
        /// Where the charger region remembers its running entities: <c>DData</c> (in memory, replicated; lost when the
        /// whole cluster stops) or <c>Eventsourced</c> (in the journal, so PostgreSQL in a cluster).
        /// </summary>
        public RememberEntitiesStore RememberEntitiesStore { get; set; } = RememberEntitiesStore.DData;

        /// <summary>Least-shard allocation: at most this many shards move per rebalance round (new algorithm when &gt; 0).</summary>
        public int RebalanceAbsoluteLimit { get; set; } = 20;

        /// <summary>… and at most this fraction of all shards.</summary>
        public double RebalanceRelativeLimit { get; set; } = 0.1;
    }
}
