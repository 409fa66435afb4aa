using Akka.Actor;
using Akka.TestKit;
using V2gActors.LoadTest.Recording;
using V2gActors.LoadTest.Reporting;
using V2gActors.LoadTest.Targets;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>What a scenario run has to work with: the TestKit (its actor system hosts the recorder; its probes
/// await frames), the CSMS under test, the settings and a fresh recorder.</summary>
public sealed record LoadRun(TestKitBase Kit, ICsmsTarget Target, LoadScenarioSettings Settings, IActorRef Recorder)
{
    public LatencyProbe Probe { get; } = new(Recorder, Settings.CallTimeout);

    public async Task<IReadOnlyList<SeriesSummary>> SeriesAsync() =>
        (await Recorder.Ask<Recordings>(GetRecordings.Instance, TimeSpan.FromSeconds(30)).ConfigureAwait(false)).Series;

    /// <summary>
    /// True once the recorder holds <paramref name="count"/> successful frames of <paramref name="series"/>: a TestKit
    /// probe waits for the recorder's <see cref="FramesArrived"/>. Frames are recorded asynchronously, so this is the
    /// "every frame arrived" check, not a formality.
    /// </summary>
    public async Task<bool> FramesArrivedAsync(string series, long count, TimeSpan within)
    {
        var probe = Kit.CreateTestProbe();
        try
        {
            Recorder.Tell(new AwaitFrames(series, count), probe.Ref);
            await probe.ExpectMsgAsync<FramesArrived>(within).ConfigureAwait(false);
            return true;
        }
        // The TestKit reports a missing message through its assertion provider (an xUnit exception); here it is a
        // check result, not a crash.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
        finally
        {
            Kit.Sys.Stop(probe.Ref);
        }
    }
}
