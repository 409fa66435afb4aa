using Akka.Actor;
using Akka.Cluster.Sharding;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Persistence;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Tests.Connections;

/// <summary>In a real shard region: an offline charger's entity stops itself, so remember-entities forgets it.</summary>
public sealed class PassivationTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"v2g-pass-{Guid.NewGuid():N}", "v2g.db");
    private EngineNode _node = null!;

    public async Task InitializeAsync()
    {
        var options = EngineNode.OptionsFor(PersistenceOptions.Sqlite(_file));
        options.Chargers.PassivateAfterDisconnectedSeconds = 1;
        _node = await EngineNode.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
    }

    private async Task<bool> IsRunningAsync(string stationId)
    {
        var state = await _node.Chargers.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.Any(s => s.EntityIds.Contains(stationId));
    }

    [Fact]
    public async Task Connected_entity_stays_and_offline_entity_passivates()
    {
        var connection = _node.System.ActorOf(Props.Empty.WithDeploy(Deploy.Local), "fake-connection");
        _node.Chargers.Tell(new ChargerConnected("CS-ON", "c-on", OcppVersion.V21, connection));
        _node.Chargers.Tell(new ChargerConnected("CS-OFF", "c-off", OcppVersion.V21, connection));
        _node.Chargers.Tell(new ChargerDisconnected("CS-OFF", "c-off"));
        await _node.Chargers.Ask<ChargerStateView>(new GetChargerState("CS-OFF"), TimeSpan.FromSeconds(10));
        Assert.True(await IsRunningAsync("CS-OFF"));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await IsRunningAsync("CS-OFF") && DateTime.UtcNow < deadline) await Task.Delay(200);

        Assert.False(await IsRunningAsync("CS-OFF"));
        Assert.True(await IsRunningAsync("CS-ON"));
    }
}
