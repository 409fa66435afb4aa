using Akka.Actor;
using Akka.Hosting;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Grid;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// Scenario 3, dispatch fan-out: a grid event (a fleet target control into GridIngress, as a 2030.5 DERControl or OCPP
/// SetDERControl adapter delivers it) → a setpoint frame received at every charger of the fleet. Targets alternate
/// between charging and discharging so every event moves every charger. Budget: 1k chargers p99 ≤ 5 ms, 10k ≤ 50 ms
/// (to the last frame of the fleet).
/// </summary>
public sealed class DispatchFanoutScenario : DispatchScenario
{
    public const string ScenarioName = "dispatch-fanout";

    public override string Name => ScenarioName;

    protected override Task PrepareAsync(DispatchSetup setup, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task<double> SendEventAsync(DispatchSetup setup, int k, CancellationToken cancellationToken)
    {
        var grid = await setup.Registry.GetAsync<GridIngressActor>(cancellationToken).ConfigureAwait(false);
        var target = TargetOf(k, setup.RatedChargeW);
        // One control id replaced each time, as a grid operator updates its event.
        grid.Tell(new GridControlReceived([setup.FleetId], new FleetTargetControl("fanout", ControlWindow.Default(1), new Watts(target))));
        return target;
    }

    /// <summary>Warm-up at 10 % charge; then alternately 30 % charge and 20 % discharge of the rating, never repeating.</summary>
    public static double TargetOf(int k, double ratedW) =>
        k == 0 ? 0.1 * ratedW : (k % 2 == 1 ? 0.3 : -0.2) * ratedW + k;
}
