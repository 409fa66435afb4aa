using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Hosting;

namespace V2gActors.Engine.Tests.Support;

/// <summary>A whole engine node (Akka.Hosting, cluster of one, sharding, SQL persistence) as the Node project wires it.</summary>
internal sealed class EngineNode : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineNode(IHost host, ActorSystem system, IActorRef chargers)
    {
        _host = host;
        System = system;
        Chargers = chargers;
    }

    public ActorSystem System { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The charger shard region.</summary>
    public IActorRef Chargers { get; }

    public static async Task<EngineNode> StartAsync(EngineOptions options)
    {
        var host = new HostBuilder().ConfigureServices(services => services.AddV2gEngine(options)).Build();
        await host.StartAsync();
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        var chargers = await registry.GetAsync<ChargerRegion>();
        return new EngineNode(host, host.Services.GetRequiredService<ActorSystem>(), chargers);
    }

    public static EngineOptions OptionsFor(Engine.Persistence.PersistenceOptions persistence) => new()
    {
        ActorSystemName = "v2g-test",
        Remoting = { Port = 0 },
        Persistence =
        {
            Provider = persistence.Provider,
            ConnectionString = persistence.ConnectionString,
        },
        Chargers = { SnapshotEvery = 3, PullDeviceModelOnBoot = false },
    };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
