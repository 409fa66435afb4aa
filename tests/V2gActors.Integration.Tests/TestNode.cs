using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Akka.Hosting;
using V2gActors.Engine.Chargers;
using V2gActors.Node.Hosting;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Integration.Tests;

/// <summary>
/// A real node started in-process through <see cref="NodeHost"/> (the same code path as the executable): Kestrel on a
/// free loopback port, Akka remoting on a free port, persistence on a given SQLite file or PostgreSQL database.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public const string Password = "integration-secret";

    private TestNode(WebApplication app) => App = app;

    public WebApplication App { get; }

    /// <summary><c>ws://127.0.0.1:{port}/ocpp</c></summary>
    public Uri OcppUri { get; private set; } = null!;

    public static async Task<TestNode> StartAsync(string sqliteFile, IReadOnlyDictionary<string, string?>? settings = null) =>
        await StartAsync(new Dictionary<string, string?>
        {
            ["V2g:Persistence:Provider"] = "Sqlite",
            ["V2g:Persistence:ConnectionString"] = $"Data Source={sqliteFile}",
        }.Concat(settings ?? new Dictionary<string, string?>()).ToDictionary(kv => kv.Key, kv => kv.Value)).ConfigureAwait(false);

    public static async Task<TestNode> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["V2g:Ocpp:Urls"] = "http://127.0.0.1:0",
            ["V2g:Remoting:Port"] = "0",
            ["V2g:Ocpp:RequireBasicAuth"] = "true",
            ["V2g:Ocpp:Credentials:*"] = V2gActors.Node.Security.PasswordHash.Hash(Password, iterations: 1000),
            ["V2g:Demo:Enabled"] = "false",
            // Tests run in parallel: no fixed ports (the command host has its own tests).
            ["V2g:CommandHost:Enabled"] = "false",
            ["V2g:Metrics:Url"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) overrides[key] = value;
        var node = new TestNode(NodeHost.Build([], overrides));
        await node.App.StartAsync().ConfigureAwait(false);
        var http = node.App.ListeningAddress();
        node.OcppUri = new UriBuilder(http) { Scheme = "ws", Path = "/ocpp" }.Uri;
        return node;
    }

    public async Task<IActorRef> ChargerRegionAsync() =>
        await App.Services.GetRequiredService<ActorRegistry>().GetAsync<ChargerRegion>().ConfigureAwait(false);

    public async Task<ChargerStateView> StateAsync(string stationId) =>
        await (await ChargerRegionAsync().ConfigureAwait(false))
            .Ask<ChargerStateView>(new GetChargerState(stationId), TimeSpan.FromSeconds(30)).ConfigureAwait(false);

    public async Task<ChargerCommandCompleted> CommandAsync(string stationId, string action, string payloadJson) =>
        await (await ChargerRegionAsync().ConfigureAwait(false))
            .Ask<ChargerCommandCompleted>(new SendChargerCommand(stationId, action, payloadJson), TimeSpan.FromSeconds(40)).ConfigureAwait(false);

    public ChargerSimulatorOptions SimulatorOptions(Action<CsmsFrameObserved>? observe = null) => new()
    {
        CsmsUri = OcppUri,
        Password = Password,
        HeartbeatOverride = TimeSpan.FromSeconds(1),
        MeterInterval = TimeSpan.FromMilliseconds(300),
        PlugInAfter = TimeSpan.FromMilliseconds(200),
        TransactionDuration = TimeSpan.FromSeconds(2),
        ReconnectDelay = TimeSpan.FromMilliseconds(200),
        CallTimeout = TimeSpan.FromSeconds(20),
        OnCsmsFrame = observe,
    };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Polls a condition (real sockets and actors are asynchronous); fails with the last observed state.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition().ConfigureAwait(false)) return;
            }
            catch (Akka.Actor.AskTimeoutException)
            {
                // A busy machine (parallel test assemblies) may delay one answer; keep polling until the deadline.
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        if (await condition().ConfigureAwait(false)) return;
        Assert.Fail($"Condition not met within {within}. {describe?.Invoke()}");
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan within, Func<string>? describe = null) =>
        HoldsAsync(() => Task.FromResult(condition()), within, describe);
}

public static class TempFiles
{
    public static string SqlitePath() =>
        Path.Combine(Path.GetTempPath(), "v2gactors-it", $"{Guid.NewGuid():N}", "node.db");
}
