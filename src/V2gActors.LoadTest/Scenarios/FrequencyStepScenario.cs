using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.FrequencyFeed;
using V2gActors.Engine.Grid;
using V2gActors.Node.FrequencyFeed;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// Scenario 4, frequency step → frames: the fleet answers frequency with a droop (4 % over its charge rating, ±20 mHz
/// deadband, around 0 W); each event is one datagram on the node's UDP frequency feed (docs/frequency-feed.md), as a
/// frequency meter sends it, alternating under- and over-frequency steps of different depth.
/// </summary>
public sealed class FrequencyStepScenario : DispatchScenario
{
    public const string ScenarioName = "frequency-step";

    public static readonly FrequencyDroop Droop = new(new Hertz(50), new Hertz(0.02), new Hertz(0.02), 0.04, 0.04, TimeSpan.Zero);

    private UdpClient? _udp;

    public override string Name => ScenarioName;

    protected override async Task PrepareAsync(DispatchSetup setup, CancellationToken cancellationToken)
    {
        var grid = await setup.Registry.GetAsync<GridIngressActor>(cancellationToken).ConfigureAwait(false);
        grid.Tell(new AssignFleetToGrid(setup.FleetId, setup.RatedChargeW));
        var feed = setup.Services.GetRequiredService<FrequencyFeedService>().UdpEndpoint
            ?? throw new InvalidOperationException("the node's UDP frequency feed is not listening (V2g:FrequencyFeed)");
        _udp = new UdpClient(feed.AddressFamily);
        _udp.Connect(feed);
    }

    protected override async Task<double> SendEventAsync(DispatchSetup setup, int k, CancellationToken cancellationToken)
    {
        if (k == 0)
        {
            // Warm-up: arming the droop dispatches its base (0 W) and installs every charger's profile.
            var grid = await setup.Registry.GetAsync<GridIngressActor>(cancellationToken).ConfigureAwait(false);
            grid.Tell(new GridControlReceived([setup.FleetId], new FrequencyDroopControl("droop", ControlWindow.Default(1), Droop)));
            return 0;
        }
        var hz = StepOf(k);
        var sample = FrequencySampleCodec.Encode(new FrequencySample(hz, DateTimeOffset.UtcNow, "load-test", k));
        await _udp!.SendAsync(sample, cancellationToken).ConfigureAwait(false);
        return DroopResponse.PowerChange(Droop, new Hertz(hz), new Watts(setup.RatedChargeW), DroopHeadroom.Unlimited).Value;
    }

    protected override void Finish()
    {
        _udp?.Dispose();
        _udp = null;
    }

    /// <summary>Alternating under/over-frequency, 50–90 mHz from nominal, never the same twice in a row.</summary>
    public static double StepOf(int k) => 50 + (k % 2 == 1 ? -1 : 1) * (0.05 + 0.01 * (k % 5));
}
