using Akka.Hosting;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;

namespace V2gActors.Engine.Grid;

public static class LocalFrequencyHosting
{
    /// <summary>Starts this node's <see cref="LocalFrequencyActor"/> (registry key <see cref="LocalFrequencyActor"/>); needs the fleet and charger regions.</summary>
    public static AkkaConfigurationBuilder AddV2gLocalFrequency(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) => registry.Register<LocalFrequencyActor>(system.ActorOf(
            LocalFrequencyActor.Props(registry.Get<FleetRegion>(), registry.Get<ChargerRegion>()), "local-frequency")));
}

public static class VoltageCurveHosting
{
    /// <summary>Starts this node's <see cref="VoltageCurveActor"/> (registry key <see cref="VoltageCurveActor"/>); needs the fleet and charger regions.</summary>
    public static AkkaConfigurationBuilder AddV2gVoltageCurves(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) => registry.Register<VoltageCurveActor>(system.ActorOf(
            VoltageCurveActor.Props(registry.Get<FleetRegion>(), registry.Get<ChargerRegion>()), "voltage-curves")));
}
