using Akka.Actor;
using Akka.TestKit;
using V2gActors.LoadTest.Recording;
using V2gActors.LoadTest.Reporting;
using V2gActors.LoadTest.Scenarios;
using V2gActors.LoadTest.Targets;

namespace V2gActors.LoadTest;

/// <summary>
/// Runs load scenarios on an Akka.TestKit: its actor system hosts one <see cref="LatencyRecorderActor"/> per run and
/// its probes wait for recorded frames. An xUnit test passes itself (a TestKit); the console runner makes its own.
/// </summary>
public sealed class LoadHarness : IDisposable
{
    private readonly TestKitBase _kit;
    private readonly IDisposable? _ownedKit;
    private int _runs;

    public LoadHarness(TestKitBase kit) => _kit = kit;

    private LoadHarness(Akka.TestKit.Xunit2.TestKit kit) : this((TestKitBase)kit) => _ownedKit = kit;

    /// <summary>A harness with its own TestKit, for use outside xUnit (the console runner).</summary>
    public static LoadHarness Standalone() => new(new Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING"));

    public async Task<ScenarioReport> RunAsync(ILoadScenario scenario, ICsmsTarget target, LoadScenarioSettings settings,
        CancellationToken cancellationToken = default)
    {
        var recorder = _kit.Sys.ActorOf(LatencyRecorderActor.Props(), $"recorder-{scenario.Name}-{Interlocked.Increment(ref _runs)}");
        try
        {
            return await scenario.RunAsync(new LoadRun(_kit, target, settings, recorder), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _kit.Sys.Stop(recorder);
        }
    }

    public void Dispose() => _ownedKit?.Dispose();
}
