using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Hosting;
using V2gActors.Engine.Serialization;
using V2gActors.Engine.Sessions;

namespace V2gActors.Cluster.Tests;

/// <summary>
/// The test's own cluster member (role <see cref="Role"/>): it hosts no shards and is not counted by the split brain
/// resolver (both are limited to the engine role), and it talks to the nodes' entities with the engine's own messages
/// through shard region proxies, the way an operator tool or grid adapter on another host would.
/// </summary>
public sealed class ClusterMember : IAsyncDisposable
{
    public const string Role = "cluster-test";

    private readonly IHost _host;

    private ClusterMember(IHost host, ActorSystem system, ActorRegistry registry)
    {
        _host = host;
        System = system;
        Chargers = registry.Get<ChargerRegion>();
        Fleets = registry.Get<FleetRegion>();
        Sessions = registry.Get<VehicleSessionRegion>();
    }

    public ActorSystem System { get; }

    public IActorRef Chargers { get; }

    public IActorRef Fleets { get; }

    public IActorRef Sessions { get; }

    public static async Task<ClusterMember> StartAsync(IEnumerable<string> seedNodes)
    {
        var engine = new EngineOptions();
        var host = new HostBuilder().ConfigureServices(services => services.AddAkka(engine.ActorSystemName, (builder, _) => builder
            // Same resolver, failure detector and shard role as the nodes: whichever member leads decides the same way.
            .AddHocon(ClusterSetup.ToHocon(engine.Cluster), HoconAddMode.Prepend)
            // The nodes' logs matter (kept per process); this member's would only bury them.
            .ConfigureLoggers(loggers => loggers.LogLevel = Akka.Event.LogLevel.WarningLevel)
            .WithRemoting(new RemoteOptions { HostName = "127.0.0.1", Port = 0 })
            .WithClustering(new ClusterOptions { SeedNodes = [.. seedNodes], Roles = [Role] })
            .WithCustomSerializer(V2gSerializer.Name, [typeof(IV2gSerializable)], system => new V2gSerializer(system))
            .WithShardRegionProxy<ChargerRegion>(ChargerRegion.TypeName, engine.Cluster.Role,
                new ChargerMessageExtractor(engine.Chargers.NumberOfShards))
            .WithShardRegionProxy<FleetRegion>(FleetRegion.TypeName, engine.Cluster.Role,
                new FleetMessageExtractor(DispatchOptions.Default.NumberOfShards))
            .WithShardRegionProxy<VehicleSessionRegion>(VehicleSessionRegion.TypeName, engine.Cluster.Role,
                new VehicleSessionMessageExtractor(DispatchOptions.Default.NumberOfShards)))).Build();
        await host.StartAsync().ConfigureAwait(false);
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        await registry.GetAsync<VehicleSessionRegion>().ConfigureAwait(false);
        return new ClusterMember(host, host.Services.GetRequiredService<ActorSystem>(), registry);
    }

    private Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    /// <summary>Engine nodes this member sees as Up (their addresses).</summary>
    public IReadOnlySet<string> UpNodes() => Cluster.State.Members
        .Where(m => m.Status == MemberStatus.Up && m.HasRole(EngineRole))
        .Select(m => m.Address.ToString()).ToHashSet();

    /// <summary>Every member still in the membership, whatever its status (a dead node stays until it is downed and removed).</summary>
    public IReadOnlySet<string> Members() => Cluster.State.Members.Select(m => m.Address.ToString()).ToHashSet();

    public IReadOnlySet<string> Unreachable() => Cluster.State.Unreachable.Select(m => m.Address.ToString()).ToHashSet();

    /// <summary>The shards and entities the region of <paramref name="typeName"/> on one node hosts right now.</summary>
    public async Task<CurrentShardRegionState> RegionStateAsync(NodeEndpoints node, string typeName) =>
        await System.ActorSelection($"{node.Address}/system/sharding/{typeName}")
            .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }

    private static string EngineRole { get; } = new EngineOptions().Cluster.Role;
}
