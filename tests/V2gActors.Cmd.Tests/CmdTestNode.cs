using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Cmd.Host;
using V2gActors.Engine.Chargers;
using V2gActors.Node.Hosting;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Cmd.Tests;

/// <summary>
/// A real node started in-process through <see cref="NodeHost"/> (the pattern of the integration tests' TestNode):
/// Kestrel, remoting and the command host on free loopback ports, SQLite in a temporary file, an operator token.
/// </summary>
public sealed class CmdTestNode : IAsyncDisposable
{
    public const string Token = "cmd-test-token";
    public const string OcppPassword = "cmd-test-secret";

    private readonly List<SimulatedCharger> _chargers = [];

    private CmdTestNode(WebApplication app) => App = app;

    public WebApplication App { get; }

    /// <summary><c>127.0.0.1:port</c> of the command host, as v2gcmd's first argument.</summary>
    public string CommandTarget { get; private set; } = "";

    public Uri OcppUri { get; private set; } = null!;

    public IReadOnlyList<SimulatedCharger> Chargers => _chargers;

    /// <param name="dbFile">The SQLite file; a new temporary one when null. Pass an earlier node's to restart it.</param>
    public static async Task<CmdTestNode> StartAsync(string? dbFile = null)
    {
        dbFile ??= NewDatabaseFile();
        var node = new CmdTestNode(NodeHost.Build([], new Dictionary<string, string?>
        {
            ["V2g:Persistence:Provider"] = "Sqlite",
            ["V2g:Persistence:ConnectionString"] = $"Data Source={dbFile}",
            ["V2g:Ocpp:Urls"] = "http://127.0.0.1:0",
            ["V2g:Remoting:Port"] = "0",
            ["V2g:Ocpp:RequireBasicAuth"] = "true",
            ["V2g:Ocpp:Credentials:*"] = V2gActors.Node.Security.PasswordHash.Hash(OcppPassword, iterations: 1000),
            ["V2g:Demo:Enabled"] = "false",
            ["V2g:CommandHost:Enabled"] = "true",
            ["V2g:CommandHost:Port"] = "0",
            ["V2g:Metrics:Url"] = "http://127.0.0.1:0",
            ["V2g:CommandHost:Token"] = Token,
            ["V2g:Chargers:CommandTimeoutSeconds"] = "10",
            // Information, so that `log peek` has the node's own lines to show.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:Console:LogLevel:Default"] = "Warning",
        }));
        await node.App.StartAsync().ConfigureAwait(false);
        node.OcppUri = new UriBuilder(node.App.ListeningAddress()) { Scheme = "ws", Path = "/ocpp" }.Uri;
        var endpoint = node.App.Services.GetRequiredService<CommandHostService>().Endpoint
            ?? throw new InvalidOperationException("The command host did not start.");
        node.CommandTarget = $"127.0.0.1:{endpoint.Port}";
        return node;
    }

    public static string NewDatabaseFile() => Path.Combine(Path.GetTempPath(), "v2gactors-cmd-tests", $"{Guid.NewGuid():N}", "node.db");

    /// <summary>Starts simulated stations over real WebSockets and waits until every one is Accepted.</summary>
    public async Task StartChargersAsync(params string[] stationIds)
    {
        var options = new ChargerSimulatorOptions
        {
            CsmsUri = OcppUri,
            Password = OcppPassword,
            HeartbeatOverride = TimeSpan.FromSeconds(1),
            MeterInterval = TimeSpan.FromMilliseconds(300),
            PlugInAfter = null,
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
            CallTimeout = TimeSpan.FromSeconds(20),
        };
        foreach (var id in stationIds)
        {
            var charger = new SimulatedCharger(id, options);
            _chargers.Add(charger);
            charger.Start();
        }
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var id in stationIds)
                if ((await StateAsync(id).ConfigureAwait(false)).Registration != RegistrationStatus.Accepted) return false;
            return true;
        }, TimeSpan.FromSeconds(90)).ConfigureAwait(false);
    }

    public async Task<ChargerStateView> StateAsync(string stationId)
    {
        var region = await App.Services.GetRequiredService<ActorRegistry>().GetAsync<ChargerRegion>().ConfigureAwait(false);
        return await region.Ask<ChargerStateView>(new GetChargerState(stationId), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    public async Task<ChargerCommandCompleted> CommandAsync(string stationId, string action, string payloadJson)
    {
        var region = await App.Services.GetRequiredService<ActorRegistry>().GetAsync<ChargerRegion>().ConfigureAwait(false);
        return await region.Ask<ChargerCommandCompleted>(new SendChargerCommand(stationId, action, payloadJson), TimeSpan.FromSeconds(30))
            .ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_chargers.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
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
            if (await condition().ConfigureAwait(false)) return;
            await Task.Delay(200).ConfigureAwait(false);
        }
        if (await condition().ConfigureAwait(false)) return;
        Assert.Fail($"Condition not met within {within}. {describe?.Invoke()}");
    }
}
