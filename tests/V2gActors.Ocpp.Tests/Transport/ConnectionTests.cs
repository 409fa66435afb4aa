using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport;
using V2gActors.Ocpp.Transport.Client;

namespace V2gActors.Ocpp.Tests.Transport;

public class ConnectionTests
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task Malformed_frames_are_answered_by_the_transport_and_the_connection_survives()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var raw = await RawOcppSocket.ConnectAsync(server, "CS-BAD");

        await raw.SendTextAsync("this is not json");
        var reply = Json((await raw.ReceiveTextAsync())!);
        Assert.Equal(4, reply[0].GetInt32());
        Assert.Equal("-1", reply[1].GetString());
        Assert.Equal("RpcFrameworkError", reply[2].GetString());

        await raw.SendTextAsync("""[2,"p1","Heartbeat",[]]""");
        reply = Json((await raw.ReceiveTextAsync())!);
        Assert.Equal("p1", reply[1].GetString());
        Assert.Equal("FormatViolation", reply[2].GetString());
        Assert.Equal(JsonValueKind.Object, reply[4].ValueKind);

        await raw.SendTextAsync("""[9,"p2","Heartbeat",{}]""");
        reply = Json((await raw.ReceiveTextAsync())!);
        Assert.Equal("p2", reply[1].GetString());
        Assert.Equal("MessageTypeNotSupported", reply[2].GetString());

        await raw.SendTextAsync("""[2,"p3","Heartbeat"]""");
        Assert.Equal("RpcFrameworkError", Json((await raw.ReceiveTextAsync())!)[2].GetString());

        // A broken CALLRESULT on 2.1 is answered with CALLRESULTERROR; a broken CALLERROR is not answered at all.
        await raw.SendTextAsync("""[3,"p4",[]]""");
        reply = Json((await raw.ReceiveTextAsync())!);
        Assert.Equal(5, reply[0].GetInt32());
        Assert.Equal("p4", reply[1].GetString());
        await raw.SendTextAsync("""[4,"p5",7]""");

        // Still alive, and the next good CALL is the next thing answered.
        await raw.SendTextAsync("""[2,"ok1","Echo",{"n":1}]""");
        Assert.Equal("""[3,"ok1",{"n":1}]""", await raw.ReceiveTextAsync());

        var frames = server.Handler.Events.OfType<FrameReceived>().ToList();
        Assert.Single(frames); // only the well-formed CALL reached the handler
        Assert.Equal(WebSocketState.Open, raw.Socket.State);
    }

    [Fact]
    public async Task A_message_in_many_fragments_is_reassembled()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var raw = await RawOcppSocket.ConnectAsync(server, "CS-FRAG");
        var payload = "{\"data\":\"" + new string('x', 20_000) + "\"}";
        var text = $"[2,\"f1\",\"Echo\",{payload}]";
        for (var i = 0; i < text.Length; i += 1000)
            await raw.SendTextAsync(text.Substring(i, Math.Min(1000, text.Length - i)), endOfMessage: i + 1000 >= text.Length);
        Assert.Equal($"[3,\"f1\",{payload}]", await raw.ReceiveTextAsync());
    }

    [Fact]
    public async Task Oversize_message_closes_with_1009()
    {
        await using var server = await OcppTestServer.StartAsync(o => o.MaxMessageSize = 4096);
        await using var raw = await RawOcppSocket.ConnectAsync(server, "CS-BIG");
        var text = "[2,\"b1\",\"Echo\",{\"data\":\"" + new string('x', 5000) + "\"}]";
        await raw.SendTextAsync(text[..2000], endOfMessage: false);
        await raw.SendTextAsync(text[2000..], endOfMessage: true);

        Assert.Null(await raw.ReceiveTextAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, raw.Socket.CloseStatus);
        var closed = await server.Handler.WaitForAsync<Closed>();
        Assert.Contains("MessageTooBig", closed.Reason);
        Assert.Empty(server.Handler.Events.OfType<FrameReceived>());
    }

    [Fact]
    public async Task Message_of_exactly_the_limit_is_accepted()
    {
        await using var server = await OcppTestServer.StartAsync(o => o.MaxMessageSize = 4096);
        await using var raw = await RawOcppSocket.ConnectAsync(server, "CS-EDGE");
        var prefix = "[2,\"e1\",\"Echo\",{\"d\":\"";
        var suffix = "\"}]";
        var text = prefix + new string('y', 4096 - prefix.Length - suffix.Length) + suffix;
        await raw.SendTextAsync(text);
        Assert.StartsWith("[3,\"e1\"", await raw.ReceiveTextAsync());
    }

    [Fact]
    public async Task Binary_message_closes_with_1003()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var raw = await RawOcppSocket.ConnectAsync(server, "CS-BIN");
        await raw.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Null(await raw.ReceiveTextAsync());
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, raw.Socket.CloseStatus);
    }

    [Fact]
    public async Task Handler_exception_on_a_call_becomes_InternalError()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-THROW", OcppTestServer.Password, OcppSubprotocols.Supported);
        var outcome = Assert.IsType<CallFailed>(await client.CallAsync("Throw", "{}"u8.ToArray(), CallTimeout));
        Assert.Equal(OcppErrorCode.InternalError, outcome.ErrorCode);
        Assert.IsType<CallSucceeded>(await client.CallAsync("Echo", "{}"u8.ToArray(), CallTimeout));
    }

    [Fact]
    public async Task Newer_connection_evicts_the_older_one()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var first = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-EVICT", OcppTestServer.Password, OcppSubprotocols.Supported);
        var firstOpened = await server.Handler.WaitForAsync<Opened>();

        await using var second = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-EVICT", OcppTestServer.Password, OcppSubprotocols.Supported);
        var secondOpened = await server.Handler.WaitForAsync<Opened>(o => o.Connection != firstOpened.Connection);

        var firstReason = await first.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("evicted by newer connection", firstReason);

        var events = server.Handler.Events;
        var closedIndex = events.ToList().FindIndex(e => e is Closed c && c.Connection == firstOpened.Connection);
        var openedIndex = events.ToList().IndexOf(secondOpened);
        Assert.True(closedIndex >= 0 && closedIndex < openedIndex, string.Join(", ", events));
        Assert.Single(events.OfType<Closed>());

        Assert.True(server.Registry.TryGet("CS-EVICT", out var current));
        Assert.Same(secondOpened.Connection, current);
        Assert.NotEqual(firstOpened.Connection.ConnectionId, current.ConnectionId);
        Assert.IsType<CallSucceeded>(await second.CallAsync("Echo", "{}"u8.ToArray(), CallTimeout));
    }

    [Fact]
    public async Task Closing_unregisters_and_reports_once()
    {
        await using var server = await OcppTestServer.StartAsync();
        var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-CLOSE", OcppTestServer.Password, OcppSubprotocols.Supported);
        await server.Handler.WaitForAsync<Opened>();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
        var closed = await server.Handler.WaitForAsync<Closed>();
        Assert.Contains("bye", closed.Reason);
        await Task.Delay(100);
        Assert.Single(server.Handler.Events.OfType<Closed>());
        Assert.False(server.Registry.TryGet("CS-CLOSE", out _));
        Assert.Equal(0, server.Registry.Count);
        // A call after close is aborted, not thrown.
        Assert.IsType<CallAborted>(await client.CallAsync("Echo", default, CallTimeout));
    }

    [Fact]
    public async Task Server_side_close_completes_the_client()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-KICK", OcppTestServer.Password, OcppSubprotocols.Supported);
        var opened = await server.Handler.WaitForAsync<Opened>();
        await opened.Connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "rejected by CSMS");
        var reason = await client.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("rejected by CSMS", reason);
        await server.Handler.WaitForAsync<Closed>();
    }

    [Fact]
    public async Task All_five_frame_types_travel_both_ways()
    {
        await using var server = await OcppTestServer.StartAsync();
        var sends = new ConcurrentQueue<SendFrame>();
        var resultErrors = new ConcurrentQueue<CallResultErrorFrame>();
        var callbacks = new OcppClientCallbacks(
            OnCall: (call, _) => ValueTask.FromResult<IncomingCallReply>(call.Action == "Reject"
                ? new OcppError(OcppErrorCode.NotSupported, "no thanks")
                : call.Payload),
            OnSend: sends.Enqueue,
            OnCallResultError: resultErrors.Enqueue);
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-ALL", OcppTestServer.Password,
            OcppSubprotocols.Supported, callbacks);
        var csms = (await server.Handler.WaitForAsync<Opened>()).Connection;

        // charger → CSMS: CALL answered by CALLRESULT and by CALLERROR
        var ok = Assert.IsType<CallSucceeded>(await client.CallAsync("Echo", """{"v":"ä"}"""u8.ToArray(), CallTimeout));
        Assert.Equal("""{"v":"ä"}""", Encoding.UTF8.GetString(ok.Payload.Span));
        var failed = Assert.IsType<CallFailed>(await client.CallAsync("Fail", "{}"u8.ToArray(), CallTimeout));
        Assert.Equal(OcppErrorCode.NotSupported, failed.ErrorCode);
        Assert.Equal("not here", failed.ErrorDescription);

        // charger → CSMS: SEND and CALLRESULTERROR reach the handler
        await client.SendUnconfirmedAsync("NotifyPeriodicEventStream", """{"id":1}"""u8.ToArray());
        await client.SendAsync(new CallResultErrorFrame("x9", OcppErrorCode.FormatViolation, "bad tariff", default));
        Assert.Equal("NotifyPeriodicEventStream", (await server.Handler.WaitForAsync<FrameReceived>(f => f.Frame is SendFrame)).Frame is SendFrame s ? s.Action : null);
        var cre = (CallResultErrorFrame)(await server.Handler.WaitForAsync<FrameReceived>(f => f.Frame is CallResultErrorFrame)).Frame;
        Assert.Equal(("x9", OcppErrorCode.FormatViolation), (cre.MessageId, cre.ErrorCode));

        // CSMS → charger: CALL answered by CALLRESULT and by CALLERROR
        await csms.SendAsync(new CallFrame("s1", "GetVariables", """{"q":1}"""u8.ToArray()));
        var result = (CallResultFrame)(await server.Handler.WaitForAsync<FrameReceived>(f => f.Frame is CallResultFrame)).Frame;
        Assert.Equal(("s1", """{"q":1}"""), (result.MessageId, Encoding.UTF8.GetString(result.Payload.Span)));
        await csms.SendAsync(new CallFrame("s2", "Reject", "{}"u8.ToArray()));
        var error = (CallErrorFrame)(await server.Handler.WaitForAsync<FrameReceived>(f => f.Frame is CallErrorFrame)).Frame;
        Assert.Equal(("s2", OcppErrorCode.NotSupported, "no thanks"), (error.MessageId, error.ErrorCode, error.ErrorDescription));

        // CSMS → charger: SEND and CALLRESULTERROR reach the callbacks
        await csms.SendAsync(new SendFrame("s3", "AFRRSignal", """{"signal":1}"""u8.ToArray()));
        await csms.SendAsync(new CallResultErrorFrame("s4", OcppErrorCode.InternalError, "oops", default));
        await WaitUntil(() => !sends.IsEmpty && !resultErrors.IsEmpty);
        Assert.Equal("AFRRSignal", Assert.Single(sends).Action);
        Assert.Equal("s4", Assert.Single(resultErrors).MessageId);
    }

    [Fact]
    public async Task Unhandled_incoming_call_is_answered_NotImplemented()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-NOHANDLER", OcppTestServer.Password, OcppSubprotocols.Supported);
        var csms = (await server.Handler.WaitForAsync<Opened>()).Connection;
        await csms.SendAsync(new CallFrame("n1", "Reset", "{}"u8.ToArray()));
        var error = (CallErrorFrame)(await server.Handler.WaitForAsync<FrameReceived>(f => f.Frame is CallErrorFrame)).Frame;
        Assert.Equal(OcppErrorCode.NotImplemented, error.ErrorCode);
    }

    [Fact]
    public async Task Incoming_call_handler_may_itself_make_a_call()
    {
        await using var server = await OcppTestServer.StartAsync();
        OcppClientConnection? self = null;
        var callbacks = new OcppClientCallbacks(OnCall: async (call, _) =>
        {
            var inner = await self!.CallAsync("Echo", """{"nested":true}"""u8.ToArray(), CallTimeout);
            return inner is CallSucceeded s ? s.Payload : new OcppError(OcppErrorCode.InternalError, "inner failed");
        });
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-NEST", OcppTestServer.Password,
            OcppSubprotocols.Supported, callbacks);
        self = client;
        var csms = (await server.Handler.WaitForAsync<Opened>()).Connection;
        await csms.SendAsync(new CallFrame("outer", "TriggerMessage", "{}"u8.ToArray()));
        var result = (CallResultFrame)(await server.Handler.WaitForAsync<FrameReceived>(f => f.Frame is CallResultFrame)).Frame;
        Assert.Equal("""{"nested":true}""", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task Calls_queue_one_at_a_time_and_a_timeout_lets_the_next_proceed()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-QUEUE", OcppTestServer.Password, OcppSubprotocols.Supported);

        var silent = client.CallAsync("Silent", "{}"u8.ToArray(), TimeSpan.FromMilliseconds(300));
        var echoes = Enumerable.Range(0, 5)
            .Select(i => client.CallAsync("Echo", Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), CallTimeout))
            .ToArray();

        Assert.Equal(new CallTimedOut(TimeSpan.FromMilliseconds(300)), await silent);
        var outcomes = await Task.WhenAll(echoes);
        for (var i = 0; i < outcomes.Length; i++)
            Assert.Equal($"{{\"i\":{i}}}", Encoding.UTF8.GetString(((CallSucceeded)outcomes[i]).Payload.Span));

        // The CSMS saw the calls strictly in order, never two at once (each was sent only after the previous ended).
        var calls = server.Handler.Events.OfType<FrameReceived>().Select(f => ((CallFrame)f.Frame).Action).ToArray();
        Assert.Equal(["Silent", "Echo", "Echo", "Echo", "Echo", "Echo"], calls);
    }

    [Fact]
    public async Task Cancelling_a_queued_call_withdraws_it()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-CANCEL", OcppTestServer.Password, OcppSubprotocols.Supported);
        var silent = client.CallAsync("Silent", "{}"u8.ToArray(), TimeSpan.FromMilliseconds(500));
        using var cts = new CancellationTokenSource();
        var queued = client.CallAsync("Echo", "{}"u8.ToArray(), CallTimeout, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.IsType<CallTimedOut>(await silent);
        Assert.IsType<CallSucceeded>(await client.CallAsync("Echo", "{}"u8.ToArray(), CallTimeout));
        Assert.DoesNotContain(server.Handler.Events.OfType<FrameReceived>(), f => f.Frame.MessageId == "cancelled");
        Assert.Equal(2, server.Handler.Events.OfType<FrameReceived>().Count());
    }

    [Fact]
    public async Task Concurrent_sends_keep_each_producers_order_and_never_interleave()
    {
        await using var server = await OcppTestServer.StartAsync();
        var received = new ConcurrentQueue<SendFrame>();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-CONC", OcppTestServer.Password,
            OcppSubprotocols.Supported, new OcppClientCallbacks(OnSend: received.Enqueue));
        var csms = (await server.Handler.WaitForAsync<Opened>()).Connection;

        const int producers = 8, perProducer = 250;
        var filler = new string('p', 700); // big enough that writes take real time, small enough to stay under 64 KiB
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var n = 0; n < perProducer; n++)
                await csms.SendAsync(new SendFrame($"{p}-{n}", "Tick", Encoding.UTF8.GetBytes($"{{\"p\":{p},\"n\":{n},\"f\":\"{filler}\"}}")));
        })));

        await WaitUntil(() => received.Count == producers * perProducer);
        var next = new int[producers];
        foreach (var frame in received)
        {
            var payload = Json(Encoding.UTF8.GetString(frame.Payload.Span));
            var p = payload.GetProperty("p").GetInt32();
            Assert.Equal(next[p]++, payload.GetProperty("n").GetInt32());
            Assert.Equal($"{p}-{payload.GetProperty("n").GetInt32()}", frame.MessageId);
        }
        Assert.All(next, count => Assert.Equal(perProducer, count));
    }

    [Fact]
    public async Task Ocpp201_connection_refuses_send_frames_with_MessageTypeNotSupported()
    {
        await using var server = await OcppTestServer.StartAsync();
        await using var raw = await RawOcppSocket.ConnectAsync(server, "CS-201", "ocpp2.0.1");
        await raw.SendTextAsync("""[6,"s1","NotifyPeriodicEventStream",{}]""");
        var reply = Json((await raw.ReceiveTextAsync())!);
        Assert.Equal(("s1", "MessageTypeNotSupported"), (reply[1].GetString(), reply[2].GetString()));
    }

    [Fact]
    public async Task Server_shutdown_closes_connections_with_1001()
    {
        var server = await OcppTestServer.StartAsync();
        await using var client = await OcppClientConnection.ConnectAsync(server.OcppBase, "CS-SHUT", OcppTestServer.Password, OcppSubprotocols.Supported);
        await server.Handler.WaitForAsync<Opened>();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();
        var reason = await client.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("server shutting down", reason);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {stopwatch.Elapsed}");
        await server.Handler.WaitForAsync<Closed>();
    }

    private static async Task WaitUntil(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(10);
        }
    }
}
