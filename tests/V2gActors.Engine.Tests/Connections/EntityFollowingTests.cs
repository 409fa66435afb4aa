using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;

namespace V2gActors.Engine.Tests.Connections;

/// <summary>
/// The charger entity lives wherever its shard is and may stop (hand-off on rebalance, a node leaving or dying). The
/// connection actor watches whichever entity answers through it and announces the socket again when that entity stops,
/// so the next incarnation knows its connection before the charger speaks again.
/// </summary>
public sealed class EntityFollowingTests() : TestKit(EngineTestConfig.Local)
{
    [Fact]
    public void The_socket_is_announced_again_when_the_answering_entity_stops()
    {
        var socket = new RecordingConnection("CS-1", "conn-1", OcppVersion.V21);
        var region = CreateTestProbe();
        var connection = Sys.ActorOf(ChargerConnectionActor.Props(socket, region.Ref, TimeSpan.FromSeconds(5)));
        region.ExpectMsg<ChargerConnected>();

        // The first incarnation answers, then is handed off.
        var first = CreateTestProbe();
        connection.Tell(new SendCallResult("m-1", "{}"u8.ToArray()), first.Ref);
        socket.Expect<CallResultFrame>();
        Sys.Stop(first.Ref);
        var again = region.ExpectMsg<ChargerConnected>();
        Assert.Equal(("CS-1", "conn-1", connection), (again.StationId, again.ConnectionId, again.Connection));

        // The next incarnation answers a command's way; only its own stop counts from now on.
        var second = CreateTestProbe();
        var requester = CreateTestProbe();
        connection.Tell(new SendCallToCharger("CS-1", "Reset", """{"type":"Immediate"}"""u8.ToArray(), requester.Ref), second.Ref);
        socket.Expect<CallFrame>();
        Sys.Stop(second.Ref);
        region.ExpectMsg<ChargerConnected>();
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // Once more a little later, in case the first announcement went to a node that had just died.
        Assert.Equal(connection, region.ExpectMsg<ChargerConnected>(ChargerConnectionActor.AnnounceAgainAfter * 3).Connection);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void An_entity_replaced_by_a_newer_one_is_no_longer_watched()
    {
        var socket = new RecordingConnection("CS-2", "conn-2", OcppVersion.V201);
        var region = CreateTestProbe();
        var connection = Sys.ActorOf(ChargerConnectionActor.Props(socket, region.Ref, TimeSpan.FromSeconds(5)));
        region.ExpectMsg<ChargerConnected>();

        var old = CreateTestProbe();
        var current = CreateTestProbe();
        connection.Tell(new SendCallError("m-1", OcppErrorCode.NotSupported, "no"), old.Ref);
        connection.Tell(new SendCallResult("m-2", "{}"u8.ToArray()), current.Ref);
        socket.Expect<CallErrorFrame>();
        socket.Expect<CallResultFrame>();

        Sys.Stop(old.Ref);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }
}
