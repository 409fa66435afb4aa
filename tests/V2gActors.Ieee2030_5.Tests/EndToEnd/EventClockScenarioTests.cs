using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Tests.Server;

namespace V2gActors.Ieee2030_5.Tests.EndToEnd;

/// <summary>Started and completed are reported when the event's own time comes, not at the next poll.</summary>
public class EventClockScenarioTests(HeadEndFixture f) : IClassFixture<HeadEndFixture>
{
    [Fact]
    public async Task Short_event_is_received_started_and_completed_between_polls()
    {
        await using var client = await Scenario.ConnectAsync(f, f.Aggregator);
        await client.SubscribeAsync();
        client.StartPolling(interval: TimeSpan.FromHours(1), evaluationTick: TimeSpan.FromMilliseconds(200));

        var mrid = Scenario.NewMrid();
        var now = client.ServerNow;
        f.Server.State.Programs.AddControl(1, Scenario.Control(mrid, now, now + 2, 2,
            new DERControlBase { OpModEnergize = false }));

        await Eventually.True(() => f.Server.State.Responses.StatusesFor(mrid).Count >= 3, "received, started, completed");
        Assert.Equal([(byte)1, (byte)2, (byte)3], f.Server.State.Responses.StatusesFor(mrid));
    }
}
