using V2gActors.Engine.Chargers;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Integration.Tests.Storms;

/// <summary>
/// A reconnect/boot storm larger than the node admits per second is absorbed with BootNotification Pending + a booked
/// interval: every station ends up Accepted, none is refused for good, and the node keeps answering meanwhile.
/// </summary>
public sealed class BootStormAdmissionTests
{
    [Fact]
    public async Task A_storm_past_the_admission_rate_is_spread_with_Pending_and_everyone_is_Accepted()
    {
        const int stations = 24;
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath(), new Dictionary<string, string?>
        {
            ["V2g:Registration:BootsPerSecond"] = "4",
            ["V2g:Registration:BootBurst"] = "4",
            ["V2g:Chargers:PullDeviceModelOnBoot"] = "false",
        });
        var options = node.SimulatorOptions() with { PlugInAfter = null, ReconnectDelay = TimeSpan.FromMilliseconds(200) };
        await using var fleet = new ChargerFleetSimulator(stations, "STORM-", options);

        await fleet.StartAsync(perSecond: 0); // all at once

        await Eventually.HoldsAsync(() => fleet.Stats.Booted == stations, TimeSpan.FromSeconds(90),
            () => $"booted {fleet.Stats.Booted}/{stations}, retries {fleet.Stats.BootRetries}");

        // 24 stations at 4/s after a burst of 4: most waited for a booked slot instead of being Accepted at once.
        Assert.True(fleet.Stats.BootRetries >= stations / 2, $"only {fleet.Stats.BootRetries} Pending answers");
        foreach (var charger in fleet.Chargers)
            Assert.Equal(RegistrationStatus.Accepted, (await node.StateAsync(charger.StationId)).Registration);
        Assert.Equal(0, fleet.Stats.InvalidResponses);
        Assert.Equal(0, fleet.Stats.CallErrors);
    }
}
