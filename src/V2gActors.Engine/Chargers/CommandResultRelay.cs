using Akka.Actor;

namespace V2gActors.Engine.Chargers;

/// <summary>The answer to a command the charger entity asked to see before its sender does (local only, never journaled).</summary>
internal sealed record CommandResultObserved(SendChargerCommand Command, IActorRef ReplyTo, ChargerCommandCompleted Completed);

/// <summary>
/// A one-shot child that stands in as the reply address of one CSMS→charger command whose answer changes the entity's
/// state (an Accepted SetDERControl is an active control): it hands the answer to the entity, which journals what it
/// means and only then passes it on to the original sender.
/// </summary>
internal sealed class CommandResultRelay : ReceiveActor
{
    /// <summary>Far beyond any command timeout: only a connection lost with its node leaves a relay unanswered.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    public CommandResultRelay(IActorRef entity, SendChargerCommand command, IActorRef replyTo)
    {
        Receive<ChargerCommandCompleted>(done =>
        {
            entity.Tell(new CommandResultObserved(command, replyTo, done));
            Context.Stop(Self);
        });
        Receive<ReceiveTimeout>(_ => Context.Stop(Self));
        Context.SetReceiveTimeout(GiveUpAfter);
    }

    public static Props Props(IActorRef entity, SendChargerCommand command, IActorRef replyTo) =>
        Akka.Actor.Props.Create(() => new CommandResultRelay(entity, command, replyTo));
}
