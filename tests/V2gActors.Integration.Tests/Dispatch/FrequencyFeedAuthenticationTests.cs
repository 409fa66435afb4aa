using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.FrequencyFeed;
using V2gActors.Node.FrequencyFeed;

namespace V2gActors.Integration.Tests.Dispatch;

/// <summary>
/// A forged frequency would move every fleet: with a key configured, the node's feed forwards only sealed samples and
/// counts the rest as unauthenticated; off loopback the node refuses to start the feed without a key.
/// </summary>
public sealed class FrequencyFeedAuthenticationTests
{
    private const string Key = "integration-feed-key-0123456789";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_a_key_only_sealed_samples_are_forwarded()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath(), new Dictionary<string, string?>
        {
            ["V2g:FrequencyFeed:Enabled"] = "true",
            ["V2g:FrequencyFeed:Udp"] = "127.0.0.1:0",
            ["V2g:FrequencyFeed:WebSocketUrl"] = "",
            ["V2g:FrequencyFeed:Key"] = Key,
        });
        var feed = node.App.Services.GetRequiredService<FrequencyFeedService>();
        await feed.Feed.WaitAsync(Within);
        using var udp = new UdpClient(feed.UdpEndpoint!.AddressFamily);
        udp.Connect(feed.UdpEndpoint);

        await udp.SendAsync(FrequencySampleCodec.Encode(new FrequencySample(49.5, null, "pmu-auth", 1)));        // no seal
        await udp.SendAsync(FrequencySampleAuthenticator.Seal(
            FrequencySampleCodec.Encode(new FrequencySample(49.5, null, "pmu-auth", 2)), "guessed-key"));       // forged
        await udp.SendAsync(FrequencySampleAuthenticator.Seal(
            FrequencySampleCodec.Encode(new FrequencySample(49.9, null, "pmu-auth", 3)), Key));                 // sealed

        var actor = await node.App.Services.GetRequiredService<ActorRegistry>().GetAsync<FrequencyFeedActor>();
        await Eventually.HoldsAsync(async () =>
        {
            var view = await actor.Ask<FrequencyFeedView>(GetFrequencyFeedState.Instance, Within);
            return view.Forwarded == 1 && view.LastHz == 49.9 && view.Dropped.GetValueOrDefault("unauthenticated") == 2;
        }, Within);
    }

    [Fact]
    public void Off_loopback_the_feed_refuses_to_start_without_a_key()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => V2gActors.Node.Hosting.NodeHost.Build([], new Dictionary<string, string?>
        {
            ["V2g:FrequencyFeed:Enabled"] = "true",
            ["V2g:FrequencyFeed:Udp"] = "0.0.0.0:0",
            ["V2g:FrequencyFeed:WebSocketUrl"] = "",
            ["V2g:Ocpp:Urls"] = "http://127.0.0.1:0",
            ["V2g:Metrics:Enabled"] = "false",
        }));
        Assert.Contains("V2g:FrequencyFeed:Key", refused.Message);
    }
}
