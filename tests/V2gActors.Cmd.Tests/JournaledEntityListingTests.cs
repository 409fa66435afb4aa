using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Cmd.Protocol;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Sessions;

namespace V2gActors.Cmd.Tests;

/// <summary>Fleets and sessions that are not running (after a restart, or passivated) are still listed, from the journal.</summary>
public sealed class JournaledEntityListingTests
{
    private const string FleetId = "FLEET-JOURNAL";
    private const string SessionId = "EV-JOURNAL-1";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_restart_fleets_and_sessions_are_listed_as_not_running_and_can_be_shown()
    {
        var db = CmdTestNode.NewDatabaseFile();
        await using (var first = await CmdTestNode.StartAsync(db))
        {
            var registry = first.App.Services.GetRequiredService<ActorRegistry>();
            var bounds = new SessionBounds(SessionId, FleetId, "ST-JOURNAL", 1, MaxChargeW: 7_400, MaxDischargeW: 3_700, SocPercent: 40,
                ReservePercent: 20, TargetSocPercent: 80, EnergyRequestWh: 0, Departure: null, TransactionId: null, DateTimeOffset.UtcNow);
            var sessions = await registry.GetAsync<VehicleSessionRegion>();
            Assert.IsType<VehicleSessionRegistered>(await sessions.Ask<object>(new RegisterVehicleSession(bounds), Within));
            var fleets = await registry.GetAsync<FleetRegion>();
            await Eventually.HoldsAsync(async () =>
                (await fleets.Ask<FleetStateView>(new GetFleetState(FleetId), Within)).Members.Length == 1, Within);
        }

        // Fleet and session regions do not remember entities: after the restart nothing runs until it is asked.
        await using var node = await CmdTestNode.StartAsync(db);
        var target = node.CommandTarget;
        var fleetList = await CliProcess.RunAsync(target, "fleet", "list", "--json");
        Assert.True(fleetList.ExitCode == ExitCodes.Ok, fleetList.ToString());
        var fleet = Assert.Single(fleetList.Rows("fleets"));
        Assert.Equal((FleetId, "no", "1"),
            (fleet.GetProperty("fleet").GetString(), fleet.GetProperty("running").GetString(), fleet.GetProperty("members").GetString()));

        var sessionList = await CliProcess.RunAsync(target, "session", "list", "--json");
        Assert.True(sessionList.ExitCode == ExitCodes.Ok, sessionList.ToString());
        var session = Assert.Single(sessionList.Rows("sessions"));
        Assert.Equal((SessionId, "no", FleetId),
            (session.GetProperty("session").GetString(), session.GetProperty("running").GetString(), session.GetProperty("fleet").GetString()));

        // Listing asked each one for its state, so now they run.
        var stats = await CliProcess.RunAsync(target, "cluster-sharding", "region-stats", "-r", "fleet");
        Assert.True(stats.ExitCode == ExitCodes.Ok, stats.ToString());
        Assert.Contains("fleet: 1 entities", stats.Stdout);

        var show = await CliProcess.RunAsync(target, "session", "show", SessionId);
        Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
        Assert.Contains("ST-JOURNAL", show.Stdout);
    }
}
