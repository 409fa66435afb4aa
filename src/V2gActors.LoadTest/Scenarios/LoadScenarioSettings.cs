using System.Globalization;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>Knobs shared by the scenarios; each scenario reads those that apply to it and lists them in its report.</summary>
public sealed record LoadScenarioSettings
{
    public int Chargers { get; init; } = 100;

    /// <summary>How long the flood runs or the soak holds its connections.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fleet-wide target for the flood, in CALLs per second; 0 = as fast as one outstanding CALL per charger
    /// allows (closed loop, the maximum throughput).</summary>
    public double RatePerSecond { get; init; }

    /// <summary>WebSocket upgrades + boots in flight at once; 0 = all at once (a boot storm).</summary>
    public int ConnectConcurrency { get; init; }

    /// <summary>Grid events of the dispatch scenarios, after one warm-up event that installs the profiles.</summary>
    public int Events { get; init; } = 20;

    /// <summary>Dispatch scenarios: update events after the profile-installing one that are run but not measured (JIT warm-up).</summary>
    public int WarmUpEvents { get; init; } = 10;

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on the whole run: a load test must stop by itself.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Dispatch scenarios: station-agent child processes that host the stations (0 = in this process, the
    /// default). Lets 10,000 stations and an in-process node each stay within one process's file-descriptor limit.</summary>
    public int StationProcesses { get; init; }

    /// <summary>Unique per run so a separate node's journal from earlier runs never mixes in.</summary>
    public string StationPrefix { get; init; } = $"LT{Random.Shared.Next(0x10000):X4}-";

    public Dictionary<string, string> Describe() => new()
    {
        ["chargers"] = Chargers.ToString(CultureInfo.InvariantCulture),
        ["duration_s"] = Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        ["rate_per_s"] = RatePerSecond == 0 ? "closed-loop" : RatePerSecond.ToString(CultureInfo.InvariantCulture),
        ["connect_concurrency"] = ConnectConcurrency == 0 ? "all-at-once" : ConnectConcurrency.ToString(CultureInfo.InvariantCulture),
        ["call_timeout_s"] = CallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        ["station_processes"] = StationProcesses == 0 ? "in-process" : StationProcesses.ToString(CultureInfo.InvariantCulture),
    };
}
