using System.Globalization;
using V2gActors.LoadTest.Scenarios;

namespace V2gActors.LoadTest.Cli;

/// <summary>
/// <c>&lt;scenario&gt; [--chargers N] [--duration s] [--rate msgs/s] [--events N] [--warmup-events N] [--concurrency N] [--out dir]
/// [--url ws://host:port/ocpp --password P [--node-pid PID]] [--postgres "conn string"] [--station-processes N]
/// [--deadline s] [--node-setting KEY=VALUE …]</c>
/// </summary>
public sealed record LoadTestArguments(
    string Scenario,
    LoadScenarioSettings Settings,
    string OutputFolder,
    Uri? Url,
    string? Password,
    int? NodePid,
    string? Postgres,
    IReadOnlyDictionary<string, string?> NodeSettings)
{
    public const string Usage = """
        usage: dotnet run -c Release --project src/V2gActors.LoadTest -- <scenario> [options]
          scenarios: boot-storm | telemetry-flood | connection-soak | dispatch-fanout | frequency-step | charge-loop
          --chargers N        simulated stations (default 100); for charge-loop: simulated EVs (ISO 15118-20, in-process node)
          --duration S        flood / soak duration in seconds (default 30)
          --rate R            telemetry-flood fleet-wide CALLs/s (default 0 = closed loop, maximum)
          --events N          dispatch-fanout / frequency-step: grid events after the warm-up (default 20)
          --warmup-events N   dispatch-fanout / frequency-step: unmeasured update events first (JIT warm-up, default 10)
          --concurrency N     upgrades+boots in flight (boot-storm default: all at once; others 200)
          --out DIR           report folder (default ./loadtest-results)
          --url URI           drive a separate node (ws://127.0.0.1:9000/ocpp) instead of starting one in-process
          --password P        station password for --url (default the demo fleet's)
          --node-pid PID      the separate node's process id, for its resident memory (connection-soak)
          --postgres CS       in-process node journals to this PostgreSQL database instead of a temp SQLite file
          --station-processes N  dispatch-fanout / frequency-step: host the stations in N child processes (station
                              agents) instead of this one; needed beyond ~9,000 stations (file descriptors)
          --deadline S        bound on the whole run in seconds (default 900)
          --node-setting K=V  in-process node configuration override, repeatable (e.g. V2g:Persistence:JournalBatchSize=1000)
        """;

    public static LoadTestArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-')) throw new ArgumentException("missing scenario name");
        var settings = new LoadScenarioSettings();
        string output = "loadtest-results";
        Uri? url = null;
        string? password = null, postgres = null;
        int? pid = null;
        var nodeSettings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--chargers": settings = settings with { Chargers = Int(Value()) }; break;
                case "--duration": settings = settings with { Duration = TimeSpan.FromSeconds(Double(Value())) }; break;
                case "--rate": settings = settings with { RatePerSecond = Double(Value()) }; break;
                case "--events": settings = settings with { Events = Int(Value()) }; break;
                case "--warmup-events": settings = settings with { WarmUpEvents = Int(Value()) }; break;
                case "--concurrency": settings = settings with { ConnectConcurrency = Int(Value()) }; break;
                case "--out": output = Value(); break;
                case "--url": url = new Uri(Value()); break;
                case "--password": password = Value(); break;
                case "--node-pid": pid = Int(Value()); break;
                case "--postgres": postgres = Value(); break;
                case "--station-processes": settings = settings with { StationProcesses = Int(Value()) }; break;
                case "--node-setting":
                    var setting = Value().Split('=', 2);
                    if (setting.Length != 2) throw new ArgumentException("--node-setting needs KEY=VALUE");
                    nodeSettings[setting[0]] = setting[1];
                    break;
                case "--deadline": settings = settings with { Deadline = TimeSpan.FromSeconds(Double(Value())) }; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (settings.StationProcesses > 0 && args[0] is not (DispatchFanoutScenario.ScenarioName or FrequencyStepScenario.ScenarioName))
            throw new ArgumentException("--station-processes applies to dispatch-fanout and frequency-step only");
        return new LoadTestArguments(args[0], settings, output, url, password, pid, postgres, nodeSettings);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
    private static double Double(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
