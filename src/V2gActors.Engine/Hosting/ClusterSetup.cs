using System.Globalization;
using Akka.Configuration;
using Akka.Hosting;

namespace V2gActors.Engine.Hosting;

/// <summary>
/// The one place that turns <see cref="ClusterSection"/> into Akka.Cluster HOCON: the split brain resolver (explicit,
/// keep-majority over the engine role), the failure detector, the shard role and least-shard allocation that spreads
/// shards evenly and rebalances when a node joins, and a downed node shutting itself down. Graceful leave needs nothing
/// here: stopping the host (SIGTERM, Ctrl+C) makes Akka.Hosting run coordinated shutdown, in which every region hands
/// its shards off with its own stop message (never a PoisonPill) before the node leaves.
/// </summary>
public static class ClusterSetup
{
    public const string KeepMajority = "keep-majority";

    public static Config ToHocon(ClusterSection options)
    {
        if (!string.Equals(options.SplitBrainResolver.Strategy, KeepMajority, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"V2g:Cluster:SplitBrainResolver:Strategy '{options.SplitBrainResolver.Strategy}' is not supported; use '{KeepMajority}'.");
        if (string.IsNullOrWhiteSpace(options.Role))
            throw new InvalidOperationException("V2g:Cluster:Role must name the role of engine nodes.");

        var role = options.Role.ToHocon();
        var hocon = $$"""
            akka.cluster {
              downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
              split-brain-resolver {
                active-strategy = {{KeepMajority}}
                stable-after = {{Seconds(options.SplitBrainResolver.StableAfterSeconds)}}
                {{KeepMajority}}.role = {{role}}
              }
              failure-detector {
                heartbeat-interval = {{Seconds(options.FailureDetector.HeartbeatIntervalSeconds)}}
                acceptable-heartbeat-pause = {{Seconds(options.FailureDetector.AcceptableHeartbeatPauseSeconds)}}
              }
              # A downed node (the minority side of a partition) shuts down instead of lingering as a zombie.
              run-coordinated-shutdown-when-down = on
              sharding {
                role = {{role}}
                # A starting shard reads its remembered entities (from the journal when event-sourced): give a loaded
                # database time before the shard gives up and restarts with backoff.
                waiting-for-state-timeout = 10s
                updating-state-timeout = 10s
                least-shard-allocation-strategy {
                  rebalance-absolute-limit = {{options.Sharding.RebalanceAbsoluteLimit}}
                  rebalance-relative-limit = {{options.Sharding.RebalanceRelativeLimit.ToString(CultureInfo.InvariantCulture)}}
                }
              }
            }
            """;
        return ConfigurationFactory.ParseString(hocon);
    }

    private static string Seconds(double seconds) =>
        seconds > 0 && double.IsFinite(seconds)
            ? $"{Math.Round(seconds * 1000).ToString(CultureInfo.InvariantCulture)}ms"
            : throw new InvalidOperationException($"A cluster duration must be positive, got {seconds} s.");
}
