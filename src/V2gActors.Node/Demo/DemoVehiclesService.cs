using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using V2gActors.Engine.Fleets;
using V2gActors.Iso15118.Secc;
using V2gActors.Node.Iso15118;
using V2gActors.Simulators.Vehicles;

namespace V2gActors.Node.Demo;

/// <summary>Configuration section <c>V2g:Demo:Vehicles</c>: simulated ISO 15118-20 EVs of the demo.</summary>
public sealed class DemoVehicleOptions
{
    public const string SectionName = "V2g:Demo:Vehicles";

    /// <summary>EVs plugged in at once (even ones DC BPT, odd ones AC BPT); 0 = none.</summary>
    public int Count { get; set; } = 4;

    /// <summary>How long each EV stays before SessionStop; it plugs in again a few seconds later.</summary>
    public double SessionSeconds { get; set; } = 60;

    /// <summary>The demo alternates the SECC fleet's target between charging and discharging this often.</summary>
    public double TargetEverySeconds { get; set; } = 15;

    public double ChargeLoopMilliseconds { get; set; } = 250;
}

/// <summary>
/// With <c>--demo</c>: simulated EVs find the node's SECC by SDP and run DC and AC BPT Dynamic sessions over TLS 1.3;
/// their sessions join the SECC's fleet, and the demo moves that fleet between charging and discharging so the charge
/// loops visibly follow dispatch. Prints a line per EV session and a summary with the demo's others.
/// </summary>
public sealed class DemoVehiclesService(
    IOptions<DemoOptions> demo,
    IOptions<DemoVehicleOptions> options,
    SeccEndpoint secc,
    ActorRegistry registry,
    ILogger<DemoVehiclesService> logger) : BackgroundService
{
    private int _completed;
    private int _failed;
    private long _loops;
    private double _lastTargetW;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!demo.Value.Enabled || o.Count <= 0) return;
        try
        {
            await secc.Listening.WaitAsync(TimeSpan.FromSeconds(60), stoppingToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Demo EVs: the SECC is not listening; no simulated EVs");
            return;
        }
        logger.LogInformation("Demo: {Count} simulated EVs (DC and AC BPT) plugging in at the SECC {Tls} (fleet {Fleet})",
            o.Count, secc.Tls, secc.Binding!.FleetId);
        var evs = Enumerable.Range(0, o.Count).Select(i => RunEvAsync(i, o, stoppingToken)).ToList();
        evs.Add(AlternateFleetTargetAsync(o, stoppingToken));
        try { await Task.WhenAll(evs).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private async Task RunEvAsync(int i, DemoVehicleOptions o, CancellationToken ct)
    {
        var kind = i % 2 == 0 ? EnergyTransferKind.Dc : EnergyTransferKind.Ac;
        await Task.Delay(TimeSpan.FromMilliseconds(500 * i), ct).ConfigureAwait(false);
        while (!ct.IsCancellationRequested)
        {
            var until = DateTimeOffset.UtcNow.AddSeconds(o.SessionSeconds);
            var result = await EvccSimulator.RunAsync(new EvccSimulatorOptions
            {
                SdpServer = secc.Sdp!,
                TrustedRoot = secc.TrustedRoot!,
                EvccId = $"DEMOEV{i:D4}",
                EnergyTransfer = kind,
                ChargeLoopInterval = TimeSpan.FromMilliseconds(o.ChargeLoopMilliseconds),
                MaxChargeLoops = int.MaxValue,
                OnChargeLoop = _ => Interlocked.Increment(ref _loops),
                StopWhen = _ => DateTimeOffset.UtcNow >= until,
            }, ct).ConfigureAwait(false);
            if (ct.IsCancellationRequested) return;
            if (result.Completed) Interlocked.Increment(ref _completed); else Interlocked.Increment(ref _failed);
            var last = result.ChargeLoops.Count > 0 ? result.ChargeLoops[^1] : null;
            logger.LogInformation("Demo EV {Ev} ({Kind} BPT): {Outcome}; {Loops} charge loops, last target {Target:0} W, SoC {Soc:0.0} %",
                i, kind, result.Completed ? "SessionStop OK" : $"failed: {result.Failure}", result.ChargeLoops.Count,
                last?.TargetPowerW ?? 0, last?.SocPercent ?? 0);
            await Task.Delay(TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Charging and discharging in turn, scaled to the EVs plugged in.</summary>
    private async Task AlternateFleetTargetAsync(DemoVehicleOptions o, CancellationToken ct)
    {
        var fleets = await registry.GetAsync<FleetRegion>(ct).ConfigureAwait(false);
        var fleetId = secc.Binding!.FleetId;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, o.TargetEverySeconds)));
        var discharge = false;
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            discharge = !discharge;
            var target = (discharge ? -3_000.0 : 5_000.0) * o.Count;
            var answer = await fleets.Ask<object>(new DispatchFleetTarget(fleetId, target, Source: "demo"), TimeSpan.FromSeconds(10), ct)
                .ConfigureAwait(false);
            _lastTargetW = target;
            logger.LogInformation("Demo EVs | fleet {Fleet} target {Target:0} W ({Answer}) | SECC sessions active {Active}, completed {Completed}, failed {Failed}, charge loops {Loops}",
                fleetId, target, answer.GetType().Name, secc.Active, _completed, _failed, Interlocked.Read(ref _loops));
        }
    }
}
