using System.Diagnostics;

namespace V2gActors.Ocpp.Tests.Transport;

/// <summary>
/// Per-connection inbound rate limit: a station sending faster than allowed is slowed by back-pressure (its frames wait
/// in TCP), none is dropped, and other stations are unaffected.
/// </summary>
public class RateLimitTests
{
    [Fact]
    public async Task A_flooding_station_is_slowed_down_but_every_frame_arrives_in_order()
    {
        await using var server = await OcppTestServer.StartAsync(o =>
        {
            o.MaxInboundMessagesPerSecond = 20;
            o.InboundBurst = 5;
        });
        await using var flood = await RawOcppSocket.ConnectAsync(server, "CS-FLOOD");
        const int frames = 45;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < frames; i++) await flood.SendTextAsync($$"""[2,"f{{i}}","Echo",{"n":{{i}}}]""");
        for (var i = 0; i < frames; i++)
        {
            var reply = await flood.ReceiveTextAsync(timeoutMs: 15_000);
            Assert.StartsWith($"[3,\"f{i}\"", reply);
        }
        // 5 in the burst, the other 40 at 20/s: about 2 s. A lower bound only, so a slow machine cannot fail it.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"45 frames took only {clock.Elapsed}: not throttled");

        // Another station on the same server is not held back by the flooder's limit.
        await using var calm = await RawOcppSocket.ConnectAsync(server, "CS-CALM");
        await calm.SendTextAsync("""[2,"c1","Echo",{}]""");
        Assert.StartsWith("[3,\"c1\"", await calm.ReceiveTextAsync(timeoutMs: 5_000));
    }
}
