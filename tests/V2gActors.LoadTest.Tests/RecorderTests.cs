using Akka.Actor;
using System.Diagnostics;
using V2gActors.LoadTest.Recording;

namespace V2gActors.LoadTest.Tests;

public sealed class RecorderTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Percentiles_come_from_the_recorded_values()
    {
        var recorder = Sys.ActorOf(LatencyRecorderActor.Props());
        var now = Stopwatch.GetTimestamp();
        for (var ms = 1; ms <= 1000; ms++) recorder.Tell(new FrameTimed("x", ms * 1000L, true, now + ms));
        recorder.Tell(new FrameTimed("x", 5_000_000, false, now));

        recorder.Tell(GetRecordings.Instance, TestActor);
        var summary = (await ExpectMsgAsync<Recordings>()).Series.Single();

        Assert.Equal(1000, summary.Count);
        Assert.Equal(1, summary.Failed);
        Assert.InRange(summary.P50Ms, 499, 501);
        Assert.InRange(summary.P99Ms, 989, 991);
        Assert.InRange(summary.MaxMs, 999, 1001); // 3 significant digits
    }

    [Fact]
    public async Task A_probe_is_told_once_the_awaited_frames_have_arrived()
    {
        var recorder = Sys.ActorOf(LatencyRecorderActor.Props());
        var probe = CreateTestProbe();
        recorder.Tell(new AwaitFrames("boot", 3), probe.Ref);
        recorder.Tell(new FrameTimed("boot", 10, true, 1));
        recorder.Tell(new FrameTimed("boot", 10, false, 2)); // a failure does not count
        recorder.Tell(new FrameTimed("boot", 10, true, 3));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        recorder.Tell(new FrameTimed("boot", 10, true, 4));
        Assert.Equal(3, (await probe.ExpectMsgAsync<FramesArrived>()).Count);
    }
}
