using Akka.Actor;
using V2gActors.LoadTest.Recording;

namespace V2gActors.LoadTest.Stations;

/// <summary>The station agent's stand-in for the parent's <see cref="LatencyRecorderActor"/>: the chargers' setup
/// CALLs are timed here by the same <see cref="LatencyProbe"/> and recorded there, in the same series.</summary>
public sealed class ForwardingRecorderActor : ReceiveActor
{
    public ForwardingRecorderActor(AgentOutput output) => Receive<FrameTimed>(frame => output.Send(new AgentFrame(frame)));

    public static Props Props(AgentOutput output) => Akka.Actor.Props.Create(() => new ForwardingRecorderActor(output));
}
