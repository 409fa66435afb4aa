namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// One load scenario. The extension point for the scenarios still waiting on engine parts (dispatch fan-out,
/// frequency step, ISO 15118-20 charge loop): implement this, add it to <see cref="ScenarioCatalog"/>, and it runs from
/// xUnit (through <see cref="LoadHarness"/>) and from the console runner alike.
/// </summary>
public interface ILoadScenario
{
    /// <summary>Command-line name, e.g. "boot-storm".</summary>
    string Name { get; }

    /// <summary>Reports timings and correctness checks; must stop by itself within <see cref="LoadScenarioSettings.Deadline"/>.</summary>
    Task<Reporting.ScenarioReport> RunAsync(LoadRun run, CancellationToken cancellationToken);
}
