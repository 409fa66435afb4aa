using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using V2gActors.Engine.Fleets;
using V2gActors.Iso15118.Secc;
using V2gActors.LoadTest.Recording;
using V2gActors.LoadTest.Reporting;
using V2gActors.LoadTest.Targets;
using V2gActors.Node.Iso15118;
using V2gActors.Simulators.Vehicles;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// Scenario 6, ISO 15118-20 charge loop: N simulated EVs (EVCC, half DC BPT and half AC BPT, Dynamic mode) find the
/// node's SECC by SDP, connect over TCP + TLS 1.3 and run their charge loops at the -20 cadence (250 ms) for the
/// duration. Measures the charge-loop round trip as the EV sees it (request sent → response decoded), per energy
/// transfer. Halfway through, the fleet the SECC belongs to is told to discharge: every EV must see its share in its
/// loop, and the time from the dispatch to the last EV's first discharging response is reported. Every session must
/// end with SessionStop OK and leave the fleet.
/// </summary>
public sealed class ChargeLoopScenario : ILoadScenario
{
    public const string ScenarioName = "charge-loop";
    public const string DcSeries = "DC_ChargeLoop";
    public const string AcSeries = "AC_ChargeLoop";
    public const string DispatchToAllLoops = "fleet target → every EV's charge loop";

    /// <summary>The -20 loop cadence a real EV keeps (it may go faster; 250 ms is the common setting).</summary>
    public static readonly TimeSpan LoopInterval = TimeSpan.FromMilliseconds(250);

    private const double DischargePerEvW = 2_000;

    public string Name => ScenarioName;

    public async Task<ScenarioReport> RunAsync(LoadRun run, CancellationToken cancellationToken)
    {
        var settings = run.Settings;
        var report = new ReportBuilder(Name, run).Parameter("evs", settings.Chargers.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Parameter("loop_interval_ms", LoopInterval.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (run.Target is not ISeccTarget target)
        {
            report.Check("SECC reachable", false, "the charge-loop scenario needs an in-process node (its SECC and development root)");
            return await report.BuildAsync().ConfigureAwait(false);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        var secc = await target.SeccAsync(deadline.Token).ConfigureAwait(false);
        var fleets = await target.FleetRegionAsync(deadline.Token).ConfigureAwait(false);
        var fleetId = secc.Binding!.FleetId;

        var firstDischarge = new ConcurrentDictionary<int, long>();
        var stop = new StopSignal();
        var evs = Enumerable.Range(0, settings.Chargers).Select(i => EvccSimulator.RunAsync(Ev(i, secc, settings, run.Recorder, stop, firstDischarge),
            deadline.Token)).ToArray();

        // Halfway (and once every EV is a member): the fleet discharges; each EV's share reaches its SECC session by
        // push, never by the loop asking. The EVs then run the other half of the duration.
        await Task.Delay(settings.Duration / 2, deadline.Token).ConfigureAwait(false);
        var members = await MembersAsync(fleets, fleetId, settings, deadline.Token).ConfigureAwait(false);
        var dispatchedAt = Stopwatch.GetTimestamp();
        var dispatched = await fleets.Ask<object>(new DispatchFleetTarget(fleetId, -DischargePerEvW * settings.Chargers, Source: "load-test"),
            settings.CallTimeout, deadline.Token).ConfigureAwait(false);
        stop.At(dispatchedAt + (long)(settings.Duration.TotalSeconds / 2 * Stopwatch.Frequency));
        var results = await Task.WhenAll(evs).ConfigureAwait(false);

        var completed = results.Count(r => r.Completed);
        var loops = results.Sum(r => r.ChargeLoops.Count);
        var saw = firstDischarge.Values.Where(t => t > dispatchedAt).ToArray();
        if (saw.Length > 0)
            report.Fact(DispatchToAllLoops, Stopwatch.GetElapsedTime(dispatchedAt, saw.Max()).TotalMilliseconds, "ms");
        report.Fact("charge loops", loops, "exchanges")
            .Check("all sessions completed", completed == settings.Chargers,
                $"{completed} of {settings.Chargers}" + (results.FirstOrDefault(r => !r.Completed)?.Failure is { } f ? $"; first failure: {f}" : ""))
            .Check("all EVs joined the fleet before the dispatch", members >= settings.Chargers, $"{members} members of {fleetId}")
            .Check("fleet target dispatched", dispatched is FleetTargetDispatched, dispatched.GetType().Name)
            .Check("every EV's loop carried its discharge share", saw.Length == settings.Chargers, $"{saw.Length} of {settings.Chargers}")
            .Check("all charge loops recorded",
                await run.FramesArrivedAsync(DcSeries, results.Where((_, i) => i % 2 == 0).Sum(r => r.ChargeLoops.Count), TimeSpan.FromSeconds(30)).ConfigureAwait(false)
                && await run.FramesArrivedAsync(AcSeries, results.Where((_, i) => i % 2 == 1).Sum(r => r.ChargeLoops.Count), TimeSpan.FromSeconds(30)).ConfigureAwait(false),
                $"{loops} exchanges");
        await CheckLeftFleetAsync(fleets, fleetId, settings, report, deadline.Token).ConfigureAwait(false);
        return await report.BuildAsync().ConfigureAwait(false);
    }

    /// <summary>When the EVs end their loops: unknown until the dispatch, then half the duration after it.</summary>
    private sealed class StopSignal
    {
        private long _at = long.MaxValue;
        public void At(long timestamp) => Volatile.Write(ref _at, timestamp);
        public bool Reached(long timestamp) => timestamp >= Volatile.Read(ref _at);
    }

    /// <summary>Waits (up to the call timeout) until every EV's session is a member of the fleet; returns the count.</summary>
    private static async Task<int> MembersAsync(IActorRef fleets, string fleetId, LoadScenarioSettings settings, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(settings.CallTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var members = (await fleets.Ask<FleetStateView>(new GetFleetState(fleetId), settings.CallTimeout, cancellationToken).ConfigureAwait(false)).Members.Length;
            if (members >= settings.Chargers || Stopwatch.GetTimestamp() > until) return members;
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static EvccSimulatorOptions Ev(int i, SeccEndpoint secc, LoadScenarioSettings settings, IActorRef recorder, StopSignal stop,
        ConcurrentDictionary<int, long> firstDischarge)
    {
        var ac = i % 2 == 1;
        var series = ac ? AcSeries : DcSeries;
        return new EvccSimulatorOptions
        {
            SdpServer = secc.Sdp!,
            TrustedRoot = secc.TrustedRoot!,
            EvccId = $"LOADEV{i:D8}",
            EnergyTransfer = ac ? EnergyTransferKind.Ac : EnergyTransferKind.Dc,
            ChargeLoopInterval = LoopInterval,
            MessageTimeout = settings.CallTimeout,
            MaxChargeLoops = int.MaxValue,
            OnChargeLoop = o =>
            {
                recorder.Tell(new FrameTimed(series, (long)o.RoundTrip.TotalMicroseconds, true, o.ReceivedTimestamp));
                if (o.TargetPowerW < 0) firstDischarge.TryAdd(i, o.ReceivedTimestamp);
            },
            StopWhen = o => stop.Reached(o.ReceivedTimestamp),
        };
    }

    /// <summary>SessionStop must take every session out of the fleet (the fleet journals it).</summary>
    private static async Task CheckLeftFleetAsync(IActorRef fleets, string fleetId, LoadScenarioSettings settings, ReportBuilder report,
        CancellationToken cancellationToken)
    {
        var left = -1;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < until)
        {
            left = (await fleets.Ask<FleetStateView>(new GetFleetState(fleetId), settings.CallTimeout, cancellationToken).ConfigureAwait(false)).Members.Length;
            if (left == 0) break;
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        report.Check("every session left the fleet after SessionStop", left == 0, $"{left} members remain");
    }
}
