namespace V2gActors.LoadTest.Scenarios;

/// <summary>A scenario the issue asks for whose engine parts do not exist yet: listed, never faked.</summary>
/// <param name="Number">The numbering.</param>
public sealed record PlannedScenario(int Number, string Name, string Measures, string WaitsFor);

/// <summary>The scenarios the console runner and the tests know by name.</summary>
public static class ScenarioCatalog
{
    private static readonly Dictionary<string, Func<ILoadScenario>> Runnable = new(StringComparer.OrdinalIgnoreCase)
    {
        [BootStormScenario.ScenarioName] = () => new BootStormScenario(),
        [TelemetryFloodScenario.ScenarioName] = () => new TelemetryFloodScenario(),
        [ConnectionSoakScenario.ScenarioName] = () => new ConnectionSoakScenario(),
        [ChargeLoopScenario.ScenarioName] = () => new ChargeLoopScenario(),
    };

    /// <summary>
    /// Each becomes an <see cref="ILoadScenario"/> once its engine part lands: drive the grid side (2030.5 control or a
    /// frequency trace into GridIngress / Fleet), keep the load chargers of <see cref="LoadFleet"/> connected, and time
    /// from the stimulus to the last SetChargingProfile / setpoint each charger receives (a LoadCharger OnCall tap feeding
    /// the same <see cref="Recording.LatencyRecorderActor"/>).
    /// </summary>
    public static IReadOnlyList<PlannedScenario> Planned { get; } =
    [
        new(3, "dispatch-fanout", "grid event → last setpoint at 1k / 10k chargers (p99)",
            "GridIngress / Fleet actors and allocation wiring in V2gActors.Engine (issue in progress)"),
        new(4, "frequency-step", "frequency deviation → droop setpoints at every charger",
            "frequency-droop path through GridIngress → Fleet (not in the engine yet)"),
    ];

    public static IEnumerable<string> RunnableNames => Runnable.Keys.Order(StringComparer.Ordinal);

    public static bool TryCreate(string name, out ILoadScenario scenario)
    {
        if (Runnable.TryGetValue(name, out var create)) { scenario = create(); return true; }
        scenario = null!;
        return false;
    }

    public static PlannedScenario? FindPlanned(string name) =>
        Planned.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
