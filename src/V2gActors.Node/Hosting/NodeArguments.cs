namespace V2gActors.Node.Hosting;

/// <summary>
/// Turns the node's friendly switches into configuration keys, so everything downstream reads one configuration:
/// <c>--demo</c> → V2g:Demo:Enabled=true, <c>--chargers N</c> → V2g:Demo:Chargers, <c>--config FILE</c> adds a JSON
/// file, <c>--postgres CONN</c> switches persistence. Anything else passes through to ASP.NET's own parsing
/// (<c>--V2g:Ocpp:Urls=http://127.0.0.1:9001</c>).
/// </summary>
public sealed record NodeArguments(IReadOnlyList<string> ConfigFiles, IReadOnlyDictionary<string, string?> Settings, string[] Rest)
{
    public static NodeArguments Parse(string[] args)
    {
        var files = new List<string>();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next(string name) => i + 1 < args.Length
                ? args[++i]
                : throw new ArgumentException($"{name} needs a value.");
            switch (args[i])
            {
                case "--demo": settings["V2g:Demo:Enabled"] = "true"; break;
                case "--chargers": settings["V2g:Demo:Chargers"] = Next("--chargers"); break;
                case "--config": files.Add(Next("--config")); break;
                case "--postgres":
                    settings["V2g:Persistence:Provider"] = "PostgreSql";
                    settings["V2g:Persistence:ConnectionString"] = Next("--postgres");
                    break;
                case "--help" or "-h": settings["V2g:Help"] = "true"; break;
                case "--health-probe": settings["V2g:HealthProbe"] = "true"; break;
                default: rest.Add(args[i]); break;
            }
        }
        return new NodeArguments(files, settings, [.. rest]);
    }

    public const string Usage = """
        V2gActors node

          dotnet run --project src/V2gActors.Node -- [--demo] [--chargers N] [--config FILE] [--postgres CONNSTRING] [--Key=Value ...]

          --demo            start simulated chargers against this node's own OCPP endpoint and print a summary
          --chargers N      number of simulated chargers in the demo (default from config, 100)
          --config FILE     an extra JSON configuration file (e.g. config/cluster-node.json)
          --postgres CONN   persistence on PostgreSQL instead of the embedded SQLite file
          --V2g:...=value   any configuration key, e.g. --V2g:Ocpp:Urls=http://127.0.0.1:9001
          --health-probe    ask the node running here for /health; exit 0 when healthy (container HEALTHCHECK)
        """;
}
