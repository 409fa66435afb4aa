using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;

namespace V2gActors.Engine.Tests.Connections;

/// <summary>The connection actor between a recorded socket and a TestProbe standing in for the shard region.</summary>
public sealed class ChargerConnectionActorTests() : TestKit(EngineTestConfig.Local)
{
    private (IActorRef Actor, RecordingConnection Socket, Akka.TestKit.TestProbe Region) Open(
        OcppVersion version = OcppVersion.V21, TimeSpan? callTimeout = null)
    {
        var socket = new RecordingConnection("CS-1", $"conn-{Guid.NewGuid():N}", version);
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(ChargerConnectionActor.Props(socket, region.Ref, callTimeout ?? TimeSpan.FromSeconds(5)));
        var connected = region.ExpectMsg<ChargerConnected>();
        Assert.Equal((socket.StationId, socket.ConnectionId, version, actor), (connected.StationId, connected.ConnectionId, connected.Version, connected.Connection));
        return (actor, socket, region);
    }

    private static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void Inbound_CALL_goes_to_the_entity_and_its_answer_is_written()
    {
        var (actor, socket, region) = Open();

        actor.Tell(new InboundFrame(new CallFrame("m-1", "Heartbeat", Json("{}"))));
        var call = region.ExpectMsg<OcppCallReceived>();
        Assert.Equal(("CS-1", "m-1", "Heartbeat", "{}"), (call.StationId, call.MessageId, call.Action, Encoding.UTF8.GetString(call.Payload)));

        call.Connection.Tell(new SendCallResult("m-1", """{"currentTime":"2026-01-01T00:00:00Z"}"""u8.ToArray()));
        var result = socket.Expect<CallResultFrame>();
        Assert.Equal("m-1", result.MessageId);

        call.Connection.Tell(new SendCallError("m-2", OcppErrorCode.NotSupported, "no"));
        var error = socket.Expect<CallErrorFrame>();
        Assert.Equal((OcppErrorCode.NotSupported, "no"), (error.ErrorCode, error.ErrorDescription));
    }

    [Fact]
    public void Commands_go_one_at_a_time_and_results_reach_the_requester()
    {
        var (actor, socket, _) = Open();
        var requester = CreateTestProbe();

        actor.Tell(new SendCallToCharger("CS-1", "Reset", """{"type":"Immediate"}"""u8.ToArray(), requester.Ref));
        actor.Tell(new SendCallToCharger("CS-1", "GetVariables", "{}"u8.ToArray(), requester.Ref));
        var first = socket.Expect<CallFrame>();
        Assert.Equal("Reset", first.Action);
        socket.ExpectNothing(); // the second waits for the first answer

        // Charger telemetry does not queue behind the outstanding command.
        actor.Tell(new InboundFrame(new CallFrame("c-1", "Heartbeat", Json("{}"))));

        actor.Tell(new InboundFrame(new CallResultFrame(first.MessageId, Json("""{"status":"Accepted"}"""))));
        var done = requester.ExpectMsg<ChargerCommandCompleted>();
        Assert.Equal((CommandOutcome.Completed, "Reset", """{"status":"Accepted"}"""), (done.Outcome, done.Action, done.ResultJson));

        var second = socket.Expect<CallFrame>();
        Assert.Equal("GetVariables", second.Action);
        actor.Tell(new InboundFrame(new CallErrorFrame(second.MessageId, OcppErrorCode.NotImplemented, "nope", default)));
        var failed = requester.ExpectMsg<ChargerCommandCompleted>();
        Assert.Equal((CommandOutcome.CallError, "NotImplemented", "nope"), (failed.Outcome, failed.ErrorCode, failed.ErrorDescription));
    }

    [Fact]
    public void Unanswered_command_times_out_and_the_next_one_proceeds()
    {
        var (actor, socket, _) = Open(callTimeout: TimeSpan.FromMilliseconds(300));
        var requester = CreateTestProbe();

        actor.Tell(new SendCallToCharger("CS-1", "Reset", """{"type":"Immediate"}"""u8.ToArray(), requester.Ref));
        actor.Tell(new SendCallToCharger("CS-1", "Reset", """{"type":"OnIdle"}"""u8.ToArray(), requester.Ref));
        socket.Expect<CallFrame>();

        Assert.Equal(CommandOutcome.Timeout, requester.ExpectMsg<ChargerCommandCompleted>(TimeSpan.FromSeconds(3)).Outcome);
        Assert.Contains("OnIdle", Encoding.UTF8.GetString(socket.Expect<CallFrame>().Payload.Span));
    }

    [Fact]
    public void CALLRESULT_for_an_unknown_id_gets_CALLRESULTERROR_on_21()
    {
        var (actor, socket, _) = Open(OcppVersion.V21);
        actor.Tell(new InboundFrame(new CallResultFrame("who?", Json("{}"))));
        Assert.Equal("who?", socket.Expect<CallResultErrorFrame>().MessageId);
    }

    [Fact]
    public void CALLRESULT_for_an_unknown_id_is_ignored_on_201()
    {
        var (actor, socket, _) = Open(OcppVersion.V201);
        actor.Tell(new InboundFrame(new CallResultFrame("who?", Json("{}"))));
        socket.ExpectNothing();
    }

    [Fact]
    public void Close_tells_the_entity_and_fails_pending_commands()
    {
        var (actor, socket, region) = Open();
        var requester = CreateTestProbe();
        actor.Tell(new SendCallToCharger("CS-1", "Reset", """{"type":"Immediate"}"""u8.ToArray(), requester.Ref));
        socket.Expect<CallFrame>();
        Watch(actor);

        actor.Tell(new ConnectionClosed("peer closed"));

        Assert.Equal(socket.ConnectionId, region.ExpectMsg<ChargerDisconnected>().ConnectionId);
        Assert.Equal(CommandOutcome.ConnectionLost, requester.ExpectMsg<ChargerCommandCompleted>().Outcome);
        ExpectTerminated(actor);
        Assert.Null(socket.ClosedWith);
    }

    [Fact]
    public async Task Handler_creates_one_actor_per_socket_and_routes_frames()
    {
        var region = CreateTestProbe();
        var supervisor = Sys.ActorOf(ConnectionsSupervisor.Props(region.Ref, TimeSpan.FromSeconds(5)));
        var handler = new ChargerConnectionHandler(supervisor);
        var socket = new RecordingConnection("CS-H", "c-h", OcppVersion.V21);

        await handler.OnOpenedAsync(socket);
        var connected = region.ExpectMsg<ChargerConnected>();
        Assert.Equal(1, handler.Count);

        await handler.OnFrameAsync(socket, new CallFrame("m", "Heartbeat", Json("{}")));
        Assert.Equal("m", region.ExpectMsg<OcppCallReceived>().MessageId);

        await handler.OnClosedAsync(socket, "bye");
        Assert.Equal("c-h", region.ExpectMsg<ChargerDisconnected>().ConnectionId);
        Assert.Equal(0, handler.Count);
        Watch(connected.Connection);
        ExpectTerminated(connected.Connection);
    }
}
