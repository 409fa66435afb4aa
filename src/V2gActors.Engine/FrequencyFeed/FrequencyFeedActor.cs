using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using V2gActors.Engine.Grid;

namespace V2gActors.Engine.FrequencyFeed;

/// <summary>
/// The node's frequency feed (one per node): filters the samples its listeners decode and hands each plausible, fresh,
/// in-order one to GridIngress as <see cref="FrequencyMeasured"/>, stamped with the socket's receive time. Nothing on
/// this path touches the database: the resulting fleet dispatches are journaled beside the frames (PersistAsync), never
/// in front of them.
/// </summary>
public sealed class FrequencyFeedActor : ReceiveActor
{
    /// <summary>One in this many drops of the same reason is logged, so a flood of bad datagrams cannot flood the log.</summary>
    private const int LogEvery = 1000;

    private readonly FrequencyFeedSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _dropped = new(StringComparer.Ordinal);
    private long _forwarded;
    private double? _lastHz;
    private DateTimeOffset? _lastReceivedAt;

    public FrequencyFeedActor(FrequencyFeedSettings settings, TimeProvider? clock = null)
    {
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        Receive<FrequencySampleReceived>(OnSample);
        Receive<FrequencySampleRefused>(r => Drop(r.Unauthenticated ? "unauthenticated" : "undecodable", $"{r.Transport} from {r.Remote}: {r.Reason}"));
        Receive<GetFrequencyFeedState>(_ => Sender.Tell(new FrequencyFeedView(_forwarded, _lastHz, _lastReceivedAt,
            _dropped.ToImmutableDictionary(StringComparer.Ordinal), _lastSequence.ToImmutableDictionary(StringComparer.Ordinal))));
    }

    public static Props Props(FrequencyFeedSettings settings, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new FrequencyFeedActor(settings, clock));

    private void OnSample(FrequencySampleReceived received)
    {
        var sample = received.Sample;
        if (sample.Hz < _settings.MinHz || sample.Hz > _settings.MaxHz)
        {
            Drop("implausible", $"{sample.Source}: {sample.Hz} Hz is outside [{_settings.MinHz}, {_settings.MaxHz}]");
            return;
        }
        if (_settings.MaxAge > TimeSpan.Zero && sample.MeasuredAt is { } at && _clock.GetUtcNow() - at > _settings.MaxAge)
        {
            Drop("stale", $"{sample.Source}: measured at {at:O}, older than {_settings.MaxAge.TotalMilliseconds} ms");
            return;
        }
        if (sample.Sequence is { } seq)
        {
            if (_lastSequence.TryGetValue(sample.Source, out var last) && seq <= last)
            {
                Drop("out of order", $"{sample.Source}: seq {seq} after {last}");
                return;
            }
            _lastSequence[sample.Source] = seq;
        }

        _forwarded++;
        _lastHz = sample.Hz;
        _lastReceivedAt = received.ReceivedAt;
        _settings.GridIngress.Tell(new FrequencyMeasured(sample.Hz, sample.MeasuredAt, received.ReceivedAt));
    }

    private void Drop(string reason, string detail)
    {
        var count = _dropped[reason] = _dropped.GetValueOrDefault(reason) + 1;
        if (count % LogEvery == 1) _log.Warning("frequency feed dropped a sample ({0}, {1} so far): {2}", reason, count, detail);
    }
}
