using V2gActors.LoadTest;
using V2gActors.LoadTest.Cli;
using V2gActors.LoadTest.Reporting;
using V2gActors.LoadTest.Scenarios;
using V2gActors.LoadTest.Stations;
using V2gActors.LoadTest.Targets;

// Console runner: one scenario, full size, report printed and written as JSON + Markdown. Exit 0 = all checks
// passed, 1 = a check failed, 2 = usage or a scenario that cannot run yet. `station-agent …` is the child-process
// mode a dispatch scenario starts itself with --station-processes (see StationAgent).
if (args is [StationAgentOptions.Mode, ..]) return await StationAgent.RunAsync(args);

LoadTestArguments parsed;
try { parsed = LoadTestArguments.Parse(args); }
catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadTestArguments.Usage);
    return 2;
}

if (!ScenarioCatalog.TryCreate(parsed.Scenario, out var scenario))
{
    if (ScenarioCatalog.FindPlanned(parsed.Scenario) is { } planned)
    {
        Console.Error.WriteLine($"Scenario {planned.Number} '{planned.Name}' ({planned.Measures}) is not available yet: waits for {planned.WaitsFor}.");
        return 2;
    }
    Console.Error.WriteLine($"Unknown scenario '{parsed.Scenario}'. Runnable: {string.Join(", ", ScenarioCatalog.RunnableNames)}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

await using ICsmsTarget target = parsed.Url is { } url
    ? new ExternalNode(url, parsed.Password ?? "demo-fleet-secret", parsed.NodePid)
    : await InProcessNode.StartAsync(parsed.Postgres is { } pg ? new NodePersistence.Postgres(pg) : new NodePersistence.TempSqlite(),
        parsed.NodeSettings, stop.Token);
Console.WriteLine($"{scenario.Name}: {parsed.Settings.Chargers} chargers against {target.Description}");

using var harness = LoadHarness.Standalone();
var report = await harness.RunAsync(scenario, target, parsed.Settings, stop.Token);
Console.WriteLine(ReportText.Markdown(report));
var (json, markdown) = await ReportWriter.WriteAsync(report, parsed.OutputFolder, CancellationToken.None);
Console.WriteLine($"written: {json}, {markdown}");
return report.Passed ? 0 : 1;
