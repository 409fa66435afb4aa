using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Sessions;
using V2gActors.Simulators.Chargers;

namespace V2gActors.Integration.Tests;

/// <summary>Simulated chargers brought to the point where a fleet can dispatch them: one EV session per charger.</summary>
public static class FleetChargers
{
    /// <summary>
    /// Starts the chargers, waits until the node accepted them, starts one transaction on EVSE 1 of each and registers
    /// the session <paramref name="bounds"/> describes (given the charger's index, the charger and its transaction id).
    /// </summary>
    public static async Task PlugInAsync(TestNode node, IReadOnlyList<SimulatedCharger> chargers,
        Func<int, SimulatedCharger, string?, SessionBounds> bounds, TimeSpan within)
    {
        var sessions = await node.App.Services.GetRequiredService<ActorRegistry>().GetAsync<VehicleSessionRegion>();
        foreach (var c in chargers) c.Start();
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(chargers.Select(c => node.StateAsync(c.StationId))))
            .All(s => s is { Connected: true, Registration: RegistrationStatus.Accepted }), within);

        // An EV plugs in at every charger; its session registers with the fleet, bound to the transaction.
        await Task.WhenAll(chargers.Select(c => c.StartTransactionAsync(1)));
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(chargers.Select(c => node.StateAsync(c.StationId))))
            .All(s => s.OpenTransactions.Length == 1), within);
        for (var i = 0; i < chargers.Count; i++)
        {
            var session = bounds(i, chargers[i], chargers[i].ActiveTransactionId(1));
            Assert.IsType<VehicleSessionRegistered>(await sessions.Ask<object>(new RegisterVehicleSession(session), within));
        }
    }
}
