using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Node.Iso15118;
using V2gActors.Node.Hosting;
using V2gActors.Node.Security;

namespace V2gActors.LoadTest.Targets;

/// <summary>Which journal an in-process node writes to.</summary>
public abstract record NodePersistence
{
    /// <summary>A fresh SQLite file (WAL) under the temp folder, deleted on dispose.</summary>
    public sealed record TempSqlite : NodePersistence;

    /// <summary>An existing PostgreSQL database (the caller owns it).</summary>
    public sealed record Postgres(string ConnectionString) : NodePersistence;
}

/// <summary>
/// The real node (<see cref="NodeHost.Build"/>, the executable's code path) in this process, on free loopback ports:
/// Kestrel + OCPP endpoint, single-member cluster, sharding, persistence. Demo fleet and command host are off so only
/// the scenario's traffic reaches it.
/// </summary>
public sealed class InProcessNode : ICsmsTarget, ISeccTarget
{
    public const string DefaultPassword = "load-test-secret";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly string? _tempFolder;
    private IActorRef? _chargers;

    private InProcessNode(WebApplication app, Uri ocppUri, string description, string? tempFolder)
    {
        _app = app;
        OcppUri = ocppUri;
        Description = description;
        _tempFolder = tempFolder;
    }

    public Uri OcppUri { get; }
    public string Password => DefaultPassword;
    public string Description { get; }
    public int? NodeProcessId => Environment.ProcessId;
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Extra node settings (last wins), e.g. <c>V2g:Chargers:PullDeviceModelOnBoot</c>.</param>
    public static async Task<InProcessNode> StartAsync(NodePersistence persistence, IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        string? tempFolder = null;
        var overrides = new Dictionary<string, string?>
        {
            ["V2g:Ocpp:Urls"] = "http://127.0.0.1:0",
            ["V2g:Remoting:Port"] = "0",
            ["V2g:Ocpp:RequireBasicAuth"] = "true",
            // Few PBKDF2 iterations: a 10,000-station boot storm should measure the CSMS, not 10,000 password hashes
            // at production strength (which the operator sizes separately).
            ["V2g:Ocpp:Credentials:*"] = PasswordHash.Hash(DefaultPassword, iterations: 1000),
            ["V2g:Demo:Enabled"] = "false",
            ["V2g:CommandHost:Enabled"] = "false",
            // The SECC on free ports (the charge-loop scenario); idle otherwise.
            ["V2g:Iso15118:Enabled"] = "true",
            ["V2g:Iso15118:Port"] = "0",
            ["V2g:Iso15118:SdpPort"] = "0",
            ["V2g:Iso15118:CableCheckSeconds"] = "0",
            ["V2g:Metrics:Url"] = "http://127.0.0.1:0",
            // The frequency-step scenario drives the node through its UDP feed, like a frequency meter would.
            ["V2g:FrequencyFeed:Enabled"] = "true",
            ["V2g:FrequencyFeed:Udp"] = "127.0.0.1:0",
            ["V2g:FrequencyFeed:WebSocketUrl"] = "",
            // Load stations report no metered power once enrolled, and enrolling 10,000 takes minutes: with the
            // configured 60 s the fleet would freeze every member that joined earlier than that and send it no frame
            // (the 10k fan-out then reached ~1,100 of 10,000). The dispatch scenarios measure fan-out, not that freeze.
            ["V2g:Dispatch:StaleTelemetrySeconds"] = "86400",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        string description;
        switch (persistence)
        {
            case NodePersistence.Postgres pg:
                overrides["V2g:Persistence:Provider"] = "PostgreSql";
                overrides["V2g:Persistence:ConnectionString"] = pg.ConnectionString;
                description = "in-process node, PostgreSQL journal";
                break;
            default:
                tempFolder = Path.Combine(Path.GetTempPath(), "v2gactors-load", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(tempFolder);
                var file = Path.Combine(tempFolder, "node.db");
                overrides["V2g:Persistence:Provider"] = "Sqlite";
                overrides["V2g:Persistence:ConnectionString"] = $"Data Source={file}";
                description = $"in-process node, SQLite journal {file}";
                break;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) overrides[key] = value;

        var app = NodeHost.Build([], overrides);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var http = app.ListeningAddress();
        var ocpp = new UriBuilder(http) { Scheme = "ws", Path = "/ocpp" }.Uri;
        return new InProcessNode(app, ocpp, $"{description} ({ocpp})", tempFolder);
    }

    public async Task<ChargerStateView?> TryGetStateAsync(string stationId, CancellationToken cancellationToken = default)
    {
        _chargers ??= await _app.Services.GetRequiredService<ActorRegistry>().GetAsync<ChargerRegion>(cancellationToken).ConfigureAwait(false);
        return await _chargers.Ask<ChargerStateView>(new GetChargerState(stationId), AskTimeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SeccEndpoint> SeccAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = _app.Services.GetRequiredService<SeccEndpoint>();
        await endpoint.Listening.WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
        return endpoint;
    }

    public async Task<IActorRef> FleetRegionAsync(CancellationToken cancellationToken = default) =>
        await _app.Services.GetRequiredService<ActorRegistry>().GetAsync<FleetRegion>(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_tempFolder is null) return;
        try { Directory.Delete(_tempFolder, recursive: true); }
        catch (IOException) { /* SQLite may hold the WAL a moment longer; a temp folder left behind is harmless. */ }
    }
}
