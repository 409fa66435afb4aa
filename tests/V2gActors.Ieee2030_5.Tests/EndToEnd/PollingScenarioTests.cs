using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Tests.Server;

namespace V2gActors.Ieee2030_5.Tests.EndToEnd;

/// <summary>Our CSIP client against our head-end over mTLS: events found by polling, and superseding.</summary>
public class PollingScenarioTests(HeadEndFixture f) : IClassFixture<HeadEndFixture>
{
    [Fact]
    public async Task Polling_finds_new_events_and_reports_supersede_after_received()
    {
        await using var client = await Scenario.ConnectAsync(f, f.Aggregator);
        client.StartPolling(TimeSpan.FromMilliseconds(200));

        var older = Scenario.NewMrid();
        var now = client.ServerNow;
        f.Server.State.Programs.AddControl(1, Scenario.Control(older, now - 100, now + 600, 1_800,
            new DERControlBase { OpModTargetW = new ActivePowerControlType { Multiplier = 0, Value = -3_000 } }));
        await Eventually.True(() => f.Server.State.Responses.StatusesFor(older).Count >= 1, "received by polling");

        // a newer event of the same program overlapping the older one supersedes it
        var newer = Scenario.NewMrid();
        f.Server.State.Programs.AddControl(1, Scenario.Control(newer, now - 50, now + 1_200, 1_800,
            new DERControlBase { OpModTargetW = new ActivePowerControlType { Multiplier = 0, Value = -5_000 } }));
        // Both Responses are posted by the same evaluation, one after the other: wait for the second to land too.
        await Eventually.True(() => f.Server.State.Responses.StatusesFor(older).Count >= 2 &&
                                    f.Server.State.Responses.StatusesFor(newer).Count >= 1, "superseded by polling");

        Assert.Equal([(byte)1, (byte)7], f.Server.State.Responses.StatusesFor(older));
        Assert.Equal([(byte)1], f.Server.State.Responses.StatusesFor(newer));
        var deviceId = int.Parse(client.Site.EndDevice.Href!.Split('/')[^1]);
        Assert.Empty(f.Server.State.Subscriptions.OfDevice(deviceId)); // everything above came by polling
    }
}
