using Akka.Hosting;

namespace V2gActors.Engine.Metrics;

public static class MetricsHostingExtensions
{
    /// <summary>Starts this node's <see cref="DispatchLatencyRecorderActor"/> under the registry key <see cref="DispatchLatencyRecorder"/>.</summary>
    public static AkkaConfigurationBuilder AddV2gDispatchLatency(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<DispatchLatencyRecorder>(system.ActorOf(DispatchLatencyRecorderActor.Props(), "dispatch-latency")));
}
