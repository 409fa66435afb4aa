using Akka.Actor;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Engine.Connections;

/// <summary>Asks the supervisor for a connection actor; the reply is its <see cref="IActorRef"/>.</summary>
public sealed record OpenConnection(IOcppConnection Connection);

/// <summary>
/// Parent of this node's <see cref="ChargerConnectionActor"/>s. A connection actor that faults is stopped, not
/// restarted: its outbound queue would be lost anyway, and stopping closes the socket so the charger reconnects
/// with a clean session.
/// </summary>
public sealed class ConnectionsSupervisor : ReceiveActor
{
    public ConnectionsSupervisor(IActorRef chargers, TimeSpan callTimeout)
    {
        Receive<OpenConnection>(open =>
        {
            var connection = open.Connection;
            var name = Uri.EscapeDataString($"{connection.StationId}-{connection.ConnectionId}");
            var child = Context.Child(name).IsNobody()
                ? Context.ActorOf(ChargerConnectionActor.Props(connection, chargers, callTimeout), name)
                : Context.ActorOf(ChargerConnectionActor.Props(connection, chargers, callTimeout));
            Sender.Tell(child);
        });
    }

    public static Props Props(IActorRef chargers, TimeSpan callTimeout) =>
        Akka.Actor.Props.Create(() => new ConnectionsSupervisor(chargers, callTimeout));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
