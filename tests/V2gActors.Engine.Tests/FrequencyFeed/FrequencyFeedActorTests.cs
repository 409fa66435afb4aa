using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.FrequencyFeed;
using V2gActors.Engine.Grid;

namespace V2gActors.Engine.Tests.FrequencyFeed;

public sealed class FrequencyFeedActorTests : TestKit
{
    [Fact]
    public void Plausible_fresh_in_order_samples_go_to_grid_ingress_stamped_with_their_receive_time()
    {
        var grid = CreateTestProbe();
        var feed = Sys.ActorOf(FrequencyFeedActor.Props(new FrequencyFeedSettings(grid, 45, 55, TimeSpan.FromSeconds(2))));
        var now = DateTimeOffset.UtcNow;

        feed.Tell(new FrequencySampleReceived(new FrequencySample(49.9, now, "a", 1), now, "udp"));
        Assert.Equal(new FrequencyMeasured(49.9, now, now), grid.ExpectMsg<FrequencyMeasured>());

        feed.Tell(new FrequencySampleReceived(new FrequencySample(49.8, now, "a", 1), now, "udp"));              // duplicate seq
        feed.Tell(new FrequencySampleReceived(new FrequencySample(49.8, now, "a", 0), now, "udp"));              // older seq
        feed.Tell(new FrequencySampleReceived(new FrequencySample(60.0, now, "a", 2), now, "udp"));              // implausible
        feed.Tell(new FrequencySampleReceived(new FrequencySample(49.8, now.AddSeconds(-10), "a", 3), now, "udp")); // stale
        feed.Tell(new FrequencySampleRefused("websocket", "127.0.0.1:1", "not JSON"));
        grid.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Sequence numbers are per source; samples without one are always in order.
        feed.Tell(new FrequencySampleReceived(new FrequencySample(50.1, null, "b", 1), now, "websocket"));
        feed.Tell(new FrequencySampleReceived(new FrequencySample(50.2, null, "c", null), now, "websocket"));
        Assert.Equal(50.1, grid.ExpectMsg<FrequencyMeasured>().Hz);
        Assert.Equal(50.2, grid.ExpectMsg<FrequencyMeasured>().Hz);

        feed.Tell(GetFrequencyFeedState.Instance);
        var view = ExpectMsg<FrequencyFeedView>();
        Assert.Equal(3, view.Forwarded);
        Assert.Equal(50.2, view.LastHz);
        Assert.Equal(2, view.Dropped["out of order"]);
        Assert.Equal(1, view.Dropped["implausible"]);
        Assert.Equal(1, view.Dropped["stale"]);
        Assert.Equal(1, view.Dropped["undecodable"]);
        Assert.Equal(1, view.LastSequenceBySource["a"]);
    }

    [Fact]
    public void Grid_ingress_measures_latency_from_the_feed_receive_time()
    {
        var fleets = CreateTestProbe();
        var ingress = Sys.ActorOf(GridIngressActor.Props(new GridIngressSettings(fleets)));
        ingress.Tell(new AssignFleetToGrid("F1", 100_000));
        ingress.Tell(new GridControlReceived(["F1"], new V2gActors.Domain.Grid.FrequencyDroopControl("d",
            V2gActors.Domain.Grid.ControlWindow.Default(1),
            new(new(50), new(0.02), new(0.02), 0.05, 0.05, TimeSpan.Zero))));
        fleets.ExpectMsg<V2gActors.Engine.Fleets.DispatchFleetTarget>();

        var readAt = DateTimeOffset.UtcNow.AddMilliseconds(-5);
        ingress.Tell(new FrequencyMeasured(50.2, null, readAt));
        Assert.Equal(readAt, fleets.ExpectMsg<V2gActors.Engine.Fleets.DispatchFleetTarget>().IngressAt);
    }
}
