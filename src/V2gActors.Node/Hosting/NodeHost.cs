using Akka.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using V2gActors.Cmd.Host;
using V2gActors.Engine.Hosting;
using V2gActors.Node.Csip;
using V2gActors.Node.Demo;
using V2gActors.Node.Iso15118;
using V2gActors.Node.FrequencyFeed;
using V2gActors.Node.Metrics;
using V2gActors.Node.Security;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Node.Hosting;

/// <summary>
/// Builds the node: configuration (config/node.json, extra files, switches), Kestrel with the OCPP-J endpoint, the
/// engine's actor system (cluster, sharding, persistence) and, with <c>--demo</c>, a simulated fleet. Program.cs and
/// the integration tests both start nodes through here, so tests run the node exactly as operators do.
/// </summary>
public static class NodeHost
{
    public const string DefaultOcppPath = "/ocpp/{stationId}";

    /// <param name="args">Command-line arguments (see <see cref="NodeArguments.Usage"/>).</param>
    /// <param name="overrides">Last-wins settings, e.g. a test's temporary database and port 0.</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var parsed = NodeArguments.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = parsed.Rest,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Defaults ship beside the binary (copied from config/); extra files and switches override them.
        var defaults = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "config", "node.json"), Optional = false, ReloadOnChange = false,
        };
        defaults.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, defaults);
        if (parsed.Settings.TryGetValue("V2g:Demo:Enabled", out var demo) && demo == "true")
        {
            // The demo's fleets (sites, limits, the simulated chargers under them) are demo data, not node defaults.
            var demoFleets = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = Path.Combine(AppContext.BaseDirectory, "config", "demo.json"), Optional = false, ReloadOnChange = false,
            };
            demoFleets.ResolveFileProvider();
            builder.Configuration.Sources.Insert(1, demoFleets);
        }
        foreach (var file in parsed.ConfigFiles) builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        builder.Configuration.AddEnvironmentVariables("V2G_");
        // Switches win over --config files and the environment (CreateBuilder added them before the files).
        builder.Configuration.AddCommandLine(parsed.Rest);
        builder.Configuration.AddInMemoryCollection(parsed.Settings);
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        var configuration = builder.Configuration;
        OcppListeners.Configure(builder);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        builder.Services.AddOcppTransport(o =>
        {
            o.RequireBasicAuth = configuration.GetValue("V2g:Ocpp:RequireBasicAuth", true);
            o.RequireClientCertificateOnTls = configuration.GetValue("V2g:Ocpp:Tls:RequireClientCertificate", false);
            o.MaxMessageSize = configuration.GetValue("V2g:Ocpp:MaxMessageBytes", 64 * 1024);
        });
        builder.Services.AddSingleton<IOcppCredentialValidator, StationCredentialValidator>();

        builder.Services.AddV2gDispatchWithDemo(configuration);
        var activity = new NodeActivity();
        builder.Services.AddSingleton(activity);
        builder.Services.AddV2gEngine(configuration, (akka, _) =>
        {
            akka.ConfigureLoggers(l => l.AddLoggerFactory());
            akka.WithActors((system, registry) =>
                registry.Register<ActivityCounter>(system.ActorOf(ActivityCounter.Props(activity), "activity-counter")));
        });
        // After the engine, so the operator command host (V2g:CommandHost, pbm-style) starts once the actor system runs.
        builder.Services.AddV2gCommandHost(configuration);
        builder.Services.AddV2gSecc(configuration);
        builder.Services.AddDemoVehicles(configuration);
        builder.AddV2gFrequencyFeed().AddV2gMetrics(); // V2g:FrequencyFeed (UDP/WebSocket → GridIngress), V2g:Metrics (/metrics)

        builder.Services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.SectionName));
        builder.Services.AddHostedService<DemoFleetService>();
        builder.Services.AddV2gCsip(configuration);

        var app = builder.Build();
        app.MapOcppWebSockets(configuration["V2g:Ocpp:Path"] ?? DefaultOcppPath);
        app.MapGet("/health", () => Results.Ok(new { status = "up" }));
        app.MapV2gFrequencyFeed().MapV2gMetrics();
        return app;
    }

    /// <summary>The first address Kestrel is listening on with <paramref name="scheme"/> (after start; resolves port 0).</summary>
    public static Uri ListeningAddress(this WebApplication app, string scheme = "http") =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase)));

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = NodeArguments.Parse(args);
        if (parsed.Settings.ContainsKey("V2g:Help"))
        {
            Console.WriteLine(NodeArguments.Usage);
            return 0;
        }
        var app = Build(args);
        if (parsed.Settings.ContainsKey("V2g:HealthProbe")) return await HealthProbe.RunAsync(app.Configuration).ConfigureAwait(false);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
