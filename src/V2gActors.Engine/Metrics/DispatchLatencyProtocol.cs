using Akka.Actor;

namespace V2gActors.Engine.Metrics;

/// <summary>
/// Registry key (Akka.Hosting <c>ActorRegistry</c>) of this node's recorder of per-stage dispatch latency histograms
/// (ingress → fleet → charger → frame written). Local to the node: each node reports what passed through it.
/// </summary>
public sealed class DispatchLatencyRecorder
{
    private DispatchLatencyRecorder() { }
}

/// <summary>Asks the <see cref="DispatchLatencyRecorder"/> for a <see cref="DispatchLatencyReport"/>.</summary>
public sealed record GetDispatchLatency : INoSerializationVerificationNeeded
{
    public static GetDispatchLatency Instance { get; } = new();
}

/// <summary>One stage's latency distribution since <see cref="DispatchLatencyReport.Since"/>, in milliseconds.</summary>
public sealed record StageLatency(
    string Stage,
    long Count,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs);

public sealed record DispatchLatencyReport(DateTimeOffset Since, IReadOnlyList<StageLatency> Stages)
    : INoSerializationVerificationNeeded;
