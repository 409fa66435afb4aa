using Akka.Actor;

namespace V2gActors.LoadTest.Recording;

/// <summary>
/// Collects <see cref="FrameTimed"/> from every simulated charger into one HdrHistogram per series. An actor because
/// thousands of chargers report concurrently and an actor serialises that without locks on the hot path; and because
/// a TestKit probe can then wait for "all N frames arrived" with <see cref="AwaitFrames"/> instead of polling.
/// </summary>
public sealed class LatencyRecorderActor : ReceiveActor
{
    private readonly Dictionary<string, SeriesAccumulator> _series = new(StringComparer.Ordinal);
    private readonly List<(AwaitFrames Wanted, IActorRef ReplyTo)> _waiting = [];

    public LatencyRecorderActor()
    {
        Receive<FrameTimed>(frame =>
        {
            var series = Accumulator(frame.Series);
            series.Add(frame);
            if (frame.Succeeded && _waiting.Count > 0) NotifyWaiting(series);
        });
        Receive<AwaitFrames>(wanted =>
        {
            _waiting.Add((wanted, Sender));
            NotifyWaiting(Accumulator(wanted.Series));
        });
        Receive<GetRecordings>(_ => Sender.Tell(new Recordings(_series.Values.Select(s => s.Summarise()).ToArray())));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new LatencyRecorderActor());

    private SeriesAccumulator Accumulator(string name)
    {
        if (!_series.TryGetValue(name, out var series)) _series[name] = series = new SeriesAccumulator(name);
        return series;
    }

    private void NotifyWaiting(SeriesAccumulator series)
    {
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var (wanted, replyTo) = _waiting[i];
            if (wanted.Series != series.Series || series.Succeeded < wanted.Count) continue;
            replyTo.Tell(new FramesArrived(wanted.Series, series.Succeeded));
            _waiting.RemoveAt(i);
        }
    }
}
