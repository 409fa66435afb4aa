using System.Collections.Concurrent;
using System.Text;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers.Certificates;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.Der;
using V2gActors.Ocpp;
using V2gActors.Simulators.Chargers;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Integration.Tests.DerAndCertificates;

/// <summary>
/// A node (SQLite, its own V2G PKI folder) and one booted simulated OCPP 2.1 station, recording every payload the CSMS
/// sent and every answer the station gave to CSMS commands, so a test can check all of them against the official schemas.
/// </summary>
internal sealed class DerStation : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Action, OcppPayloadKind Kind, string Json)> _frames = new();

    private readonly int _port;

    private DerStation(TestNode node, SimulatedCharger charger, string sqlite, string pkiFolder, int port)
    {
        _port = port;
        Node = node;
        Charger = charger;
        SqliteFile = sqlite;
        PkiFolder = pkiFolder;
    }

    public TestNode Node { get; private set; }
    public SimulatedCharger Charger { get; }
    public string SqliteFile { get; }
    public string PkiFolder { get; }
    public string StationId => Charger.StationId;

    public static async Task<DerStation> StartAsync(string stationId)
    {
        var sqlite = TempFiles.SqlitePath();
        var pki = Path.Combine(Path.GetDirectoryName(sqlite)!, "pki");
        // One port for the node and its restarted successor, so the station reconnects by itself.
        var port = FreePort();
        var node = await TestNode.StartAsync(sqlite, Settings(pki, port)).ConfigureAwait(false);
        DerStation? station = null;
        var charger = new SimulatedCharger(stationId, node.SimulatorOptions(f =>
                station?._frames.Enqueue((f.Action, f.Kind, Encoding.UTF8.GetString(f.Payload.Span)))) with
            {
                PlugInAfter = null, Subprotocols = [OcppSubprotocols.Ocpp21],
            });
        station = new DerStation(node, charger, sqlite, pki, port);
        charger.Start();
        await Eventually.HoldsAsync(async () => (await node.StateAsync(stationId).ConfigureAwait(false)).Registration == RegistrationStatus.Accepted
            && charger.RegistrationStatus is not null, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        return station;
    }

    /// <summary>Restarts the node on the same database (the station reconnects by itself).</summary>
    public async Task RestartNodeAsync()
    {
        await Node.DisposeAsync().ConfigureAwait(false);
        Node = await TestNode.StartAsync(SqliteFile, Settings(PkiFolder, _port)).ConfigureAwait(false);
    }

    /// <summary>Sends a command and records the station's answer for the schema check.</summary>
    public async Task<ChargerCommandCompleted> CommandAsync(string action, string payloadJson)
    {
        var done = await Node.CommandAsync(StationId, action, payloadJson).ConfigureAwait(false);
        if (done.ResultJson is { } result) _frames.Enqueue((action, OcppPayloadKind.Response, result));
        return done;
    }

    public async Task<DerStateView> DerAsync() =>
        await (await Node.ChargerRegionAsync().ConfigureAwait(false))
            .Ask<DerStateView>(new GetDerState(StationId), TimeSpan.FromSeconds(30)).ConfigureAwait(false);

    /// <summary>The node's certificate authority (development V2G PKI and OCSP book).</summary>
    public CsmsCertificateAuthority CertificateAuthority => Node.App.Services.GetRequiredService<CsmsCertificateAuthority>();

    /// <summary>Every recorded frame against the official OCPP 2.1 schema, and each of <paramref name="expected"/> among them.</summary>
    public void AssertEveryFrameValidates(params string[] expected)
    {
        var failures = _frames
            .Select(f => (f, errors: OcppSchemaValidator.Validate(OcppVersion.V21, f.Action, f.Kind, f.Json)))
            .Where(x => x.errors.Count > 0)
            .Select(x => $"{x.f.Action}{x.f.Kind}: {string.Join(", ", x.errors)} in {x.f.Json}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var seen = _frames.Select(f => f.Action).ToHashSet();
        foreach (var action in expected) Assert.Contains(action, seen);
    }

    public async ValueTask DisposeAsync()
    {
        await Charger.DisposeAsync().ConfigureAwait(false);
        await Node.DisposeAsync().ConfigureAwait(false);
    }

    private static Dictionary<string, string?> Settings(string pki, int port) => new()
    {
        ["V2g:Certificates:Folder"] = pki, ["V2g:Ocpp:Urls"] = $"http://127.0.0.1:{port}",
    };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
