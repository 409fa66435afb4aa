using System.Net.Sockets;
using System.Text;
using V2gActors.Cmd.Protocol;
using V2gActors.TestSupport;
using V2gActors.TestSupport.Fuzzing;

namespace V2gActors.Cmd.Tests;

/// <summary>
/// Random and mutated request lines against the live command host over one TCP connection: every line is answered
/// and ends with a done reply, nothing changes state without the token, and the same connection still serves a real
/// request at the end.
/// </summary>
public sealed class CommandHostFuzzTests : IAsyncLifetime
{
    private static readonly string[] Seeds =
    [
        """{"op":"run","argv":["cluster","show"]}""",
        """{"op":"describe"}""",
        """{"op":"run","argv":["charger","show","CS-1"]}""",
        """{"op":"run","argv":["charger","reset","CS-1","--type","Immediate"]}""",
        """{"op":"run","argv":["actor","hierarchy","-d","2"]}""",
        """{"op":"run","argv":["log","peek"],"token":"wrong"}""",
    ];

    private CmdTestNode _node = null!;

    public async Task InitializeAsync() => _node = await CmdTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Mutated_and_random_request_lines_are_answered_and_the_host_keeps_serving()
    {
        var iterations = InputMutator.Iterations(1500);
        var random = new Random(9110);
        var endpoint = _node.CommandTarget.Split(':');
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint[0], int.Parse(endpoint[1]));
        var stream = client.GetStream();
        var reader = new BoundedLineReader(stream, 1 << 20);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        int sent = 0, ok = 0, refused = 0;
        for (var i = 0; i < iterations; i++)
        {
            var bytes = i % 10 == 9
                ? InputMutator.RandomBytes(random, 120)
                : InputMutator.Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]), "{}[],:\"-"u8);
            // One request per line: keep the fuzzed bytes on one line, and skip blank lines (the host ignores them).
            var line = new string(Encoding.UTF8.GetString(bytes).Where(c => c is not '\n' and not '\r').ToArray());
            if (string.IsNullOrWhiteSpace(line)) continue;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), deadline.Token);
            sent++;
            while (true)
            {
                var reply = ProtocolJson.ParseReply((await reader.ReadLineAsync(deadline.Token)).Text!);
                if (reply is not DoneReply done) continue;
                if (done.Status == CommandStatus.Ok) ok++; else refused++;
                break;
            }
        }

        await stream.WriteAsync("{\"op\":\"run\",\"argv\":[\"cluster\",\"leader\"]}\n"u8.ToArray(), deadline.Token);
        Assert.StartsWith("akka.tcp://", Assert.IsType<TextReply>(ProtocolJson.ParseReply((await reader.ReadLineAsync(deadline.Token)).Text!)).Text);
        TestReport.Line($"fuzz (command host over a live socket): {sent} request lines tried, {ok} ok, {refused} refused, 0 crashes, connection open");
    }
}
