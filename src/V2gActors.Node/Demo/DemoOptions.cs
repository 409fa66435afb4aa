namespace V2gActors.Node.Demo;

/// <summary>Configuration section <c>V2g:Demo</c>: the built-in simulated fleet.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "V2g:Demo";

    public bool Enabled { get; set; }
    public int Chargers { get; set; } = 100;
    public string StationIdPrefix { get; set; } = "SIM-";
    /// <summary>Handshakes per second while the fleet comes online (0 = all at once).</summary>
    public int ConnectPerSecond { get; set; } = 50;
    public double HeartbeatSeconds { get; set; } = 30;
    public double MeterIntervalSeconds { get; set; } = 5;
    public double PlugInAfterSeconds { get; set; } = 3;
    public double TransactionSeconds { get; set; } = 60;
    public double SummaryEverySeconds { get; set; } = 5;
    /// <summary>How often the demo gives each configured fleet a new target (Demo/DemoDispatchService.cs).</summary>
    public double TargetEverySeconds { get; set; } = 20;
}
