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
        [DispatchFanoutScenario.ScenarioName] = () => new DispatchFanoutScenario(),
        [FrequencyStepScenario.ScenarioName] = () => new FrequencyStepScenario(),
    };

    /// <summary>
    /// Each becomes an <see cref="ILoadScenario"/> once its engine part lands (as <see cref="DispatchScenario"/> did for
    /// scenarios 3 and 4: load stations, a stimulus, and the time until each station saw its answer, recorded by the same
    /// <see cref="Recording.LatencyRecorderActor"/>).
    /// </summary>
    public static IReadOnlyList<PlannedScenario> Planned { get; } =
    [
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
