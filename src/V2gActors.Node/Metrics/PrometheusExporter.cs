using Akka.Actor;
using Akka.Hosting;
using Prometheus;
using V2gActors.Engine.FrequencyFeed;
using V2gActors.Engine.Metrics;

namespace V2gActors.Node.Metrics;

/// <summary>
/// The node's Prometheus registry (one per node, not the process-wide default, so several nodes in one test process
/// never mix): .NET process metrics, and on every scrape the dispatch latency percentiles, read from this node's
/// <see cref="DispatchLatencyRecorder"/> (HdrHistogram per stage), and the frequency feed's counters.
/// </summary>
public sealed class PrometheusExporter
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);
    private static readonly (string Label, Func<StageLatency, double> Ms)[] Quantiles =
    [
        ("0.5", s => s.P50Ms), ("0.9", s => s.P90Ms), ("0.99", s => s.P99Ms), ("0.999", s => s.P999Ms), ("1", s => s.MaxMs),
    ];

    private readonly ActorRegistry _actors;
    private readonly Gauge _latency;
    private readonly Gauge _latencyCount;
    private readonly Gauge _feedForwarded;
    private readonly Gauge _feedDropped;
    private readonly Gauge _feedLastHz;

    public PrometheusExporter(ActorRegistry actors)
    {
        _actors = actors;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _latency = factory.CreateGauge("v2g_dispatch_latency_seconds",
            "Dispatch latency per stage since the node started (HdrHistogram percentiles; quantile 1 = max).", "stage", "quantile");
        _latencyCount = factory.CreateGauge("v2g_dispatch_latency_count", "Intervals recorded per dispatch stage.", "stage");
        _feedForwarded = factory.CreateGauge("v2g_frequency_feed_forwarded_total", "Frequency samples handed to GridIngress.");
        _feedDropped = factory.CreateGauge("v2g_frequency_feed_dropped_total", "Frequency samples dropped, by reason.", "reason");
        _feedLastHz = factory.CreateGauge("v2g_frequency_feed_last_hz", "Last accepted grid frequency.");
        Registry.AddBeforeCollectCallback(RefreshAsync);
    }

    public CollectorRegistry Registry { get; }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_actors.TryGet<DispatchLatencyRecorder>(out var recorder))
        {
            var report = await recorder.Ask<DispatchLatencyReport>(GetDispatchLatency.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
            foreach (var stage in report.Stages)
            {
                _latencyCount.WithLabels(stage.Stage).Set(stage.Count);
                foreach (var (label, ms) in Quantiles) _latency.WithLabels(stage.Stage, label).Set(ms(stage) / 1000.0);
            }
        }
        if (_actors.TryGet<FrequencyFeedActor>(out var feed))
        {
            var view = await feed.Ask<FrequencyFeedView>(GetFrequencyFeedState.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
            _feedForwarded.Set(view.Forwarded);
            foreach (var (reason, count) in view.Dropped) _feedDropped.WithLabels(reason).Set(count);
            if (view.LastHz is { } hz) _feedLastHz.Set(hz);
        }
    }
}
