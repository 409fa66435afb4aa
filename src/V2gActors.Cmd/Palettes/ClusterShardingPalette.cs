using Akka.Actor;
using Akka.Cluster.Sharding;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Palettes;

/// <summary>pbm's <c>cluster-sharding</c> palette, answered by the shard regions' own query messages.</summary>
public sealed class ClusterShardingPalette(ActorSystem system) : ICommandPalette
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    private static readonly ArgumentInfo RegionArgument =
        new("region", "shard region type name (see `cluster-sharding regions`)", Required: true, ShortName: "r");

    public PaletteInfo Info { get; } = new("cluster-sharding", "Akka.Cluster.Sharding regions, shards and entities",
    [
        new("regions", "every shard region type started on this node and the nodes hosting it", false, []),
        new("region-stats", "shards and entity counts of a region type, per node, across the cluster", false, [RegionArgument]),
        new("shard-stats", "the shards of a region type on this node and their entities", false,
            [RegionArgument, new("limit", "entity ids listed per shard", ShortName: "l", Default: "5")]),
    ]);

    private ClusterSharding Sharding => ClusterSharding.Get(system);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "regions" => RegionsAsync(context),
        "region-stats" => WithRegion(context, RegionStatsAsync),
        "shard-stats" => WithRegion(context, ShardStatsAsync),
        _ => Task.FromResult(CommandResult.Usage($"cluster-sharding has no command {command}.")),
    };

    private async Task<CommandResult> RegionsAsync(CommandContext context)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var typeName in Sharding.ShardTypeNames.OrderBy(n => n, StringComparer.Ordinal))
        {
            var current = await Sharding.ShardRegion(typeName)
                .Ask<CurrentRegions>(GetCurrentRegions.Instance, QueryTimeout, context.CancellationToken).ConfigureAwait(false);
            rows.Add([typeName, current.Regions.Count.ToString(), string.Join(" ", current.Regions.Select(a => a.ToString()).Order())]);
        }
        await context.Output.TableAsync("shard regions", ["type", "nodes", "addresses"], rows).ConfigureAwait(false);
        return CommandResult.Ok($"{rows.Count} region type(s)");
    }

    private async Task<CommandResult> RegionStatsAsync(string typeName, IActorRef region, CommandContext context)
    {
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(QueryTimeout), QueryTimeout + TimeSpan.FromSeconds(2),
            context.CancellationToken).ConfigureAwait(false);
        var rows = stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).Select(r => (IReadOnlyList<string>)
        [
            r.Key.ToString(),
            r.Value.Stats.Count.ToString(),
            r.Value.Stats.Values.Sum().ToString(),
            string.Join(",", r.Value.Failed ?? []),
        ]).ToList();
        var shards = stats.Regions.Values.Sum(r => r.Stats.Count);
        var entities = stats.Regions.Values.Sum(r => r.Stats.Values.Sum());
        rows.Add(["total", shards.ToString(), entities.ToString(), ""]);
        await context.Output.TableAsync($"region {typeName}", ["node", "shards", "entities", "failed-shards"], rows).ConfigureAwait(false);
        return CommandResult.Ok($"{typeName}: {entities} entities in {shards} shards on {stats.Regions.Count} node(s)");
    }

    private async Task<CommandResult> ShardStatsAsync(string typeName, IActorRef region, CommandContext context)
    {
        int limit;
        try
        {
            limit = Math.Max(0, context.Arguments.Int("limit") ?? 5);
        }
        catch (FormatException ex)
        {
            return CommandResult.Usage(ex.Message);
        }
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, QueryTimeout, context.CancellationToken)
            .ConfigureAwait(false);
        var shards = state.Shards.OrderBy(s => s.ShardId, StringComparer.Ordinal).ToList();
        await context.Output.TableAsync($"shards of {typeName} on {Akka.Cluster.Cluster.Get(system).SelfAddress}",
            ["shard", "entities", "entity-ids"],
            shards.Select(s => (IReadOnlyList<string>)
            [
                s.ShardId,
                s.EntityIds.Count.ToString(),
                string.Join(" ", s.EntityIds.Order(StringComparer.Ordinal).Take(limit)) + (s.EntityIds.Count > limit ? " …" : ""),
            ])).ConfigureAwait(false);
        var failed = state.Failed?.Count ?? 0;
        return CommandResult.Ok($"{shards.Count} shard(s), {shards.Sum(s => s.EntityIds.Count)} entities on this node" +
            (failed > 0 ? $", {failed} shard(s) did not answer" : ""));
    }

    private Task<CommandResult> WithRegion(CommandContext context, Func<string, IActorRef, CommandContext, Task<CommandResult>> query)
    {
        var typeName = context.Arguments.Required("region");
        if (!Sharding.ShardTypeNames.Contains(typeName))
            return Task.FromResult(CommandResult.Failed(
                $"No shard region '{typeName}' on this node. Known: {string.Join(", ", Sharding.ShardTypeNames.Order())}."));
        return query(typeName, Sharding.ShardRegion(typeName), context);
    }
}
