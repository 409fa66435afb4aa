using Akka.Actor;

namespace V2gActors.Engine.Metrics;

/// <summary>
/// This node's <see cref="DispatchLatencyRecorder"/>: listens to the stage stamps on the EventStream, matches each
/// frame of a dispatch with its charger-entity and socket stamps (per station, in order, same action, not before the
/// frame was sent), records every stage in its HdrHistogram and answers <see cref="GetDispatchLatency"/>.
/// The stamps come from different actors, so they may arrive in any order: unmatched ones wait a while.
/// </summary>
public sealed class DispatchLatencyRecorderActor : ReceiveActor, IWithTimers
{
    private sealed class Frame(string action, DateTimeOffset ingressAt, DateTimeOffset sentAt)
    {
        public string Action { get; } = action;
        public DateTimeOffset IngressAt { get; } = ingressAt;
        public DateTimeOffset SentAt { get; } = sentAt;
        public DateTimeOffset? ForwardedAt { get; set; }
        public DateTimeOffset? WrittenAt { get; set; }
    }

    private sealed class Station
    {
        public List<Frame> Frames { get; } = [];
        public List<(string Action, DateTimeOffset At)> Forwarded { get; } = [];
        public List<(string Action, DateTimeOffset At)> Written { get; } = [];
        public bool IsEmpty => Frames.Count == 0 && Forwarded.Count == 0 && Written.Count == 0;
    }

    private sealed record Sweep
    {
        public static Sweep Instance { get; } = new();
    }

    /// <summary>A stamp nobody claims (a frame from another node or another sender) or a frame never written (the
    /// station went offline) is forgotten after this long.</summary>
    public static readonly TimeSpan Unmatched = TimeSpan.FromMinutes(2);

    private readonly StageHistograms _histograms = new();
    private readonly Dictionary<string, Station> _stations = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _since;

    public DispatchLatencyRecorderActor(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _since = _clock.GetUtcNow();
        Receive<DispatchFramesSent>(OnDispatch);
        Receive<ChargerCommandForwarded>(f => Stamp(f.StationId, s => s.Forwarded.Add((f.Action, f.At))));
        Receive<OutboundFrameWritten>(w => Stamp(w.StationId, s => s.Written.Add((w.Action, w.At))));
        Receive<GetDispatchLatency>(_ => Sender.Tell(new DispatchLatencyReport(_since, _histograms.Summarise())));
        Receive<Sweep>(_ => ForgetOld(_clock.GetUtcNow() - Unmatched));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TimeProvider? clock = null) => Akka.Actor.Props.Create(() => new DispatchLatencyRecorderActor(clock));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DispatchFramesSent));
        Context.System.EventStream.Subscribe(Self, typeof(ChargerCommandForwarded));
        Context.System.EventStream.Subscribe(Self, typeof(OutboundFrameWritten));
        Timers.StartPeriodicTimer("sweep", Sweep.Instance, TimeSpan.FromSeconds(30));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnDispatch(DispatchFramesSent sent)
    {
        var d = sent.Dispatch;
        _histograms.Record(DispatchStages.IngressToFleet, d.ReceivedAt - d.IngressAt);
        _histograms.Record(DispatchStages.FleetAllocation, d.AllocatedAt - d.ReceivedAt);
        foreach (var f in d.Frames)
        {
            if (!DispatchLatencyStamps.IsSetpointAction(f.Action)) continue;
            Stamp(f.StationId, s => s.Frames.Add(new Frame(f.Action, d.IngressAt, f.SentAt)));
        }
    }

    private void Stamp(string stationId, Action<Station> add)
    {
        if (!_stations.TryGetValue(stationId, out var station)) _stations[stationId] = station = new Station();
        add(station);
        Match(station);
        if (station.IsEmpty) _stations.Remove(stationId);
    }

    /// <summary>Frames in the order they were sent claim the earliest fitting stamps; finished frames are recorded.</summary>
    private void Match(Station station)
    {
        for (var i = 0; i < station.Frames.Count; i++)
        {
            var frame = station.Frames[i];
            frame.ForwardedAt ??= Claim(station.Forwarded, frame.Action, frame.SentAt);
            frame.WrittenAt ??= Claim(station.Written, frame.Action, frame.ForwardedAt ?? frame.SentAt);
            if (frame.WrittenAt is not { } written) continue;

            if (frame.ForwardedAt is { } forwarded)
            {
                _histograms.Record(DispatchStages.FleetToCharger, forwarded - frame.SentAt);
                _histograms.Record(DispatchStages.ChargerToFrameWritten, written - forwarded);
            }
            _histograms.Record(DispatchStages.IngressToFrameWritten, written - frame.IngressAt);
            station.Frames.RemoveAt(i--);
        }
    }

    private static DateTimeOffset? Claim(List<(string Action, DateTimeOffset At)> stamps, string action, DateTimeOffset notBefore)
    {
        for (var i = 0; i < stamps.Count; i++)
        {
            if (stamps[i].Action != action || stamps[i].At < notBefore) continue;
            var at = stamps[i].At;
            stamps.RemoveAt(i);
            return at;
        }
        return null;
    }

    private void ForgetOld(DateTimeOffset before)
    {
        foreach (var (id, station) in _stations.ToList())
        {
            station.Frames.RemoveAll(f => f.SentAt < before);
            station.Forwarded.RemoveAll(s => s.At < before);
            station.Written.RemoveAll(s => s.At < before);
            if (station.IsEmpty) _stations.Remove(id);
        }
    }
}
