using Akka.Cluster.Sharding;
using Microsoft.Extensions.Configuration;
using V2gActors.Engine.Hosting;
using V2gActors.Engine.Persistence;

namespace V2gActors.Engine.Tests.Hosting;

public sealed class ClusterSetupTests
{
    [Fact]
    public void The_cluster_file_binds_keep_majority_over_the_engine_role_and_remembers_entities_in_the_journal()
    {
        var options = EngineOptions.FromConfiguration(
            new ConfigurationBuilder().AddJsonFile(FindRepositoryFile("config/cluster-node.json")).Build());

        var hocon = ClusterSetup.ToHocon(options.Cluster);

        Assert.Equal("Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster", hocon.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("keep-majority", hocon.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal("v2g", hocon.GetString("akka.cluster.split-brain-resolver.keep-majority.role"));
        Assert.Equal(TimeSpan.FromSeconds(10), hocon.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(5), hocon.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal("v2g", hocon.GetString("akka.cluster.sharding.role"));
        Assert.Equal(20, hocon.GetInt("akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit"));
        Assert.True(hocon.GetBoolean("akka.cluster.run-coordinated-shutdown-when-down"));
        Assert.Equal(RememberEntitiesStore.Eventsourced, options.Cluster.Sharding.RememberEntitiesStore);
        Assert.Equal(PersistenceProvider.PostgreSql, options.Persistence.Provider);
    }

    [Fact]
    public void Defaults_keep_remembered_entities_in_distributed_data()
    {
        var options = EngineOptions.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal("v2g", options.Cluster.Role);
        Assert.Equal(RememberEntitiesStore.DData, options.Cluster.Sharding.RememberEntitiesStore);
        Assert.Equal("keep-majority", ClusterSetup.ToHocon(options.Cluster).GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    [Theory]
    [InlineData("keep-oldest", 10)]
    [InlineData("keep-majority", 0)]
    public void Unsupported_strategies_and_non_positive_durations_are_refused(string strategy, double stableAfter)
    {
        var options = new ClusterSection { SplitBrainResolver = new() { Strategy = strategy, StableAfterSeconds = stableAfter } };

        Assert.Throws<InvalidOperationException>(() => ClusterSetup.ToHocon(options));
    }

    private static string FindRepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
