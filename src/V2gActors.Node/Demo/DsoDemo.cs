using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Server;
using V2gActors.Node.Csip;

namespace V2gActors.Node.Demo;

/// <summary>
/// The demo's DSO: our own 2030.5 head-end on a free loopback port with a throw-away development PKI (ECDSA P-256 CA,
/// server and aggregator certificates), and the connection the node's CSIP client uses to reach it over mutual TLS.
/// Started on first use; the DERProgram every EndDevice is assigned is "DSO feeder (demo)".
/// </summary>
public sealed class DsoDemo(ILoggerFactory loggers) : ICsipConnectionSource, IAsyncDisposable
{
    public const int ProgramId = 1;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DevelopmentPki? _pki;
    private CsipConnection? _connection;
    private int _disposed;

    /// <summary>The running head-end (null until started).</summary>
    public HeadEndServer? Server { get; private set; }

    public static bool IsOn(IConfiguration configuration) =>
        configuration.GetValue("V2g:Demo:Enabled", false) && configuration.GetValue($"{DsoDemoOptions.SectionName}:Enabled", true);

    /// <summary>The demo turns the CSIP client on and, unless fleets are configured, gives the demo fleet an EndDevice.</summary>
    public static void Configure(CsipOptions options, IConfiguration configuration)
    {
        options.Enabled = true;
        options.ServerUrl = "in-process demo head-end";
        options.Mode = "Subscribe";
        if (options.Fleets.Count == 0)
            options.Fleets.Add(new CsipFleetOptions { FleetId = configuration[$"{DsoDemoOptions.SectionName}:FleetId"] ?? "north" });
    }

    public async Task<CsipConnection> GetAsync(CancellationToken ct)
    {
        await StartAsync(ct).ConfigureAwait(false);
        return _connection!;
    }

    public async Task<HeadEndServer> StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Server is not null) return Server;
            _pki = DevelopmentPki.Create("V2gActors Demo SERCA");
            var server = await HeadEndServer.StartAsync(new HeadEndOptions
            {
                ServerCertificate = _pki.IssueServer(), TrustedRoot = _pki.Root, Port = 0, PollRateSeconds = 30,
            }, loggers, ct: ct).ConfigureAwait(false);
            server.State.Programs.AddProgram(ProgramId, "DSO feeder (demo)", primacy: 1,
                Convert.FromHexString("D5000000000000000000000000000001"), new DERControlBase { OpModConnect = true });
            _connection = new CsipConnection(server.BaseAddress, _pki.IssueDevice("v2gactors-aggregator"), _pki.Root);
            Server = server;
            return server;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under two service types, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (Server is not null) await Server.DisposeAsync().ConfigureAwait(false);
        _pki?.Dispose();
        _gate.Dispose();
    }
}
