using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Tests.Server;

namespace V2gActors.Ieee2030_5.Tests.EndToEnd;

/// <summary>Our CSIP client against our head-end over mTLS on 127.0.0.1: events arriving by Notification.</summary>
public class SubscriptionScenarioTests(HeadEndFixture f) : IClassFixture<HeadEndFixture>
{
    [Fact]
    public async Task Registers_discovers_receives_by_subscription_and_responds_in_order()
    {
        await using var client = await Scenario.ConnectAsync(f, f.Aggregator);

        // registration and discovery
        var me = DeviceIdentity.Of(f.Aggregator);
        var registered = Assert.Single(f.Server.State.Devices.VisibleTo(me.Lfdi));
        Assert.Equal(me.Lfdi, registered.Lfdi);
        Assert.Equal(me.Sfdi, registered.Sfdi);
        Assert.Equal(registered.Pin, client.Site.Registration!.PIN);

        var idle = await client.PollOnceAsync();
        Assert.True(idle.Arbitration.IsDefaultOnly);
        Assert.Equal((ushort)10_000, idle.Control.OpModMaxLimW);

        await client.SubscribeAsync();
        Assert.Single(f.Server.State.Subscriptions.OfDevice(registered.Id));

        // the DSO issues an export limit that is already running: the client hears of it by Notification
        var mrid = Scenario.NewMrid();
        var now = client.ServerNow;
        f.Server.State.Programs.AddControl(1, Scenario.Control(mrid, now - 5, now - 5, 3_600,
            new DERControlBase { OpModMaxLimWInject = new UnsignedActivePowerControlType { Multiplier = 0, Value = 5_000 } }));

        await Eventually.True(() => f.Server.State.Responses.StatusesFor(mrid).Count >= 2, "received + started responses");
        Assert.Equal([(byte)1, (byte)2], f.Server.State.Responses.StatusesFor(mrid));
        await Eventually.True(() => f.Server.NotificationsDelivered >= 1, "notification acknowledged by the listener");
        // Responses go out before the evaluation publishes its result, so the control is checked eventually.
        await Eventually.True(() => client.Current?.Control.OpModMaxLimWInject?.Value == 5_000, "export limit in force");
        Assert.Equal((ushort)10_000, client.Current.Control.OpModMaxLimW); // default still governs the other mode

        // the DSO cancels it: cancelled is reported after started, and the default takes over again
        f.Server.State.Programs.CancelControl(1, mrid, client.ServerNow);
        await Eventually.True(() => f.Server.State.Responses.StatusesFor(mrid).Count >= 3, "cancelled response");
        Assert.Equal([(byte)1, (byte)2, (byte)6], f.Server.State.Responses.StatusesFor(mrid));
        await Eventually.True(() => client.Current?.Control.OpModMaxLimWInject is null, "export limit lifted");
        Assert.All(f.Server.State.Responses.All, r => Assert.Equal(me.Lfdi, r.CallerLfdi));
    }
}
