using Akka.Actor;

namespace V2gActors.Cmd.Chargers;

/// <summary>
/// The node's one <see cref="ChargerDirectory"/>, started when the command host starts (before Kestrel accepts
/// chargers, so no notice is missed).
/// </summary>
public sealed class ChargerDirectoryRef(ActorSystem system)
{
    public IActorRef Directory { get; } = system.ActorOf(ChargerDirectory.Props(), "cmd-charger-directory");
}
