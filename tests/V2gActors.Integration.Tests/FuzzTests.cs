using System.Net.WebSockets;
using System.Text;
using V2gActors.Engine.Chargers;
using V2gActors.Ocpp;
using V2gActors.TestSupport;
using V2gActors.TestSupport.Fuzzing;

namespace V2gActors.Integration.Tests;

/// <summary>
/// Random and mutated OCPP-J frames against a live node over one real socket: every input gets either a CALLRESULT or
/// a CALLERROR (or, where the protocol says so, silence), the socket stays open and the node keeps serving other
/// stations. The iteration count is bounded here; set V2G_FUZZ_ITERATIONS for a longer run.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Seeds =
    [
        """[2,"s1","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"m","vendorName":"v"}}]""",
        """[2,"s2","Heartbeat",{}]""",
        """[2,"s3","StatusNotification",{"timestamp":"2026-11-24T07:00:00Z","connectorStatus":"Occupied","evseId":1,"connectorId":1}]""",
        """[2,"s4","TransactionEvent",{"eventType":"Started","timestamp":"2026-11-24T07:00:00Z","triggerReason":"CablePluggedIn","seqNo":0,"transactionInfo":{"transactionId":"fz-1"},"evse":{"id":1,"connectorId":1},"meterValue":[{"timestamp":"2026-11-24T07:00:00Z","sampledValue":[{"value":12.5}]}]}]""",
        """[2,"s5","MeterValues",{"evseId":1,"meterValue":[{"timestamp":"2026-11-24T07:00:00Z","sampledValue":[{"value":1.5,"measurand":"Power.Active.Import"}]}]}]""",
        """[2,"s6","Authorize",{"idToken":{"idToken":"ABC","type":"ISO14443"}}]""",
        """[3,"unknown-id",{}]""",
        """[4,"unknown-id","GenericError","x",{}]""",
    ];

    [Fact]
    public async Task Mutated_and_random_frames_never_break_the_connection_or_the_node()
    {
        var iterations = InputMutator.Iterations(3000);
        var random = new Random(20261124);
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(OcppSubprotocols.Ocpp21);
        socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"FUZZ-1:{TestNode.Password}")));
        await socket.ConnectAsync(new Uri(node.OcppUri + "/FUZZ-1"), CancellationToken.None);

        var sent = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = i % 10 == 9 ? InputMutator.RandomBytes(random) : InputMutator.Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]), JsonSyntax);
            // The endpoint only accepts text frames; invalid UTF-8 in a text frame is the WebSocket layer's business
            // (it closes the socket, as RFC 6455 requires), so the fuzzer stays within valid UTF-8 text.
            var text = Encoding.UTF8.GetString(input);
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            sent++;
        }
        // One well-formed call at the end: its answer proves every earlier frame was consumed and the socket is healthy.
        await socket.SendAsync("""[2,"final","Heartbeat",{}]"""u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var answers = 0;
        var buffer = new byte[64 * 1024];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, deadline.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            if (!result.EndOfMessage) continue;
            answers++;
            if (Encoding.UTF8.GetString(buffer, 0, result.Count).StartsWith("""[3,"final",""", StringComparison.Ordinal)) break;
        }
        Assert.Equal(WebSocketState.Open, socket.State);

        // The node still serves a different station normally.
        await using var other = await V2gActors.Ocpp.Transport.Client.OcppClientConnection.ConnectAsync(
            node.OcppUri, "FUZZ-2", TestNode.Password, [OcppSubprotocols.Ocpp201]);
        Assert.IsType<V2gActors.Ocpp.Rpc.CallSucceeded>(await other.CallAsync("Heartbeat", "{}"u8.ToArray(), TimeSpan.FromSeconds(15)));
        Assert.NotNull(await node.StateAsync("FUZZ-1"));
        TestReport.Line($"fuzz (OCPP-J over a live socket): {sent} inputs tried, {answers} answers, 0 crashes, connection open");
    }

    private static ReadOnlySpan<byte> JsonSyntax => "{}[],:\"0-e"u8;
}
