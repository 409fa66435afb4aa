using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Metrics;
using V2gActors.Engine.Sessions;
using V2gActors.LoadTest.Chargers;
using V2gActors.LoadTest.Reporting;
using V2gActors.LoadTest.Stations;

namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// What the dispatch scenarios (3 fan-out, 4 frequency step) share: N load stations booted with a transaction open,
/// each enrolled as a vehicle session of one fleet, then a train of grid events; after each event the run waits until
/// every station received its setpoint frame (so each event is measured alone) and records the slowest one too.
/// The first event installs the profiles (SetChargingProfile) and is reported apart as a warm-up; the rest are
/// UpdateDynamicSchedule, the steady-state frame. Needs an in-process node (sessions are enrolled through its actors);
/// the stations run in this process or, with <see cref="LoadScenarioSettings.StationProcesses"/>, in station agents.
/// </summary>
public abstract class DispatchScenario : ILoadScenario
{
    public const string FrameSeries = "event → setpoint frame at each charger";
    public const string LastFrameSeries = "event → last setpoint frame of the fleet";
    public const string WarmUpSeries = "warm-up event → SetChargingProfile at each charger";
    public const string WarmUpUpdatesSeries = "warm-up updates (JIT and tiering, not counted) → frame at each charger";
    public const string AllFramesArrived = "every frame arrived";
    public const double MaxChargeW = 11_000;
    public const double MaxDischargeW = 10_000;

    private const int SetupConcurrency = 200;

    public abstract string Name { get; }

    /// <summary>Anything the grid side needs before the warm-up event.</summary>
    protected abstract Task PrepareAsync(DispatchSetup setup, CancellationToken cancellationToken);

    /// <summary>Sends event <paramref name="k"/> (0 = warm-up) and returns the fleet target it should produce.</summary>
    protected abstract Task<double> SendEventAsync(DispatchSetup setup, int k, CancellationToken cancellationToken);

    public async Task<ScenarioReport> RunAsync(LoadRun run, CancellationToken cancellationToken)
    {
        var settings = run.Settings;
        var report = new ReportBuilder(Name, run).Parameter("events", settings.Events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (run.Target.Services is not { } services)
        {
            report.Check("in-process node", false, "this scenario enrols sessions through the node's actors: run it without --url");
            return await report.BuildAsync().ConfigureAwait(false);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        var tap = new SetpointTap(run.Recorder);
        await using var stations = DispatchStations.For(settings);

        var settingUp = Stopwatch.GetTimestamp();
        var states = await stations.OpenTransactionsAsync(run, tap, SetupConcurrency, deadline.Token).ConfigureAwait(false);
        report.Parameter("stations", stations.Description);
        var accepted = states.Count(s => s.Accepted);
        report.Check("all Accepted", accepted == states.Count, $"{accepted} of {states.Count}");
        var registry = services.GetRequiredService<ActorRegistry>();
        var setup = new DispatchSetup($"{settings.StationPrefix}FLEET", states.Count, registry,
            await registry.GetAsync<FleetRegion>(deadline.Token).ConfigureAwait(false), services);
        var enrolling = Stopwatch.GetTimestamp();
        var enrolled = await EnrolAsync(setup, states, deadline.Token).ConfigureAwait(false);
        report.Fact("setup: stations booted with a transaction", Stopwatch.GetElapsedTime(settingUp, enrolling).TotalSeconds, "s")
            .Fact("setup: sessions enrolled in the fleet", Stopwatch.GetElapsedTime(enrolling).TotalSeconds, "s");
        report.Check("all sessions enrolled", enrolled == states.Count, $"{enrolled} of {states.Count}");
        if (enrolled != states.Count) return await report.BuildAsync().ConfigureAwait(false);
        await PrepareAsync(setup, deadline.Token).ConfigureAwait(false);

        // A bound on one event, not a measurement: 60 s, or 10 ms per charger for the 10,000-station fleet on a
        // shared machine, where a minute could cut the run short after a slow event.
        var frameWait = TimeSpan.FromSeconds(Math.Max(60, settings.Chargers / 100.0));
        var allArrived = true;
        var wrongTotals = 0;
        // After the event that installs the profiles, a few update events run unmeasured: the first ones of a process
        // time the JIT compiling and re-compiling (tiering) the dispatch path, not the steady state a node runs in.
        var warmUps = settings.WarmUpEvents;
        for (var k = 0; k <= warmUps + settings.Events && allArrived; k++)
        {
            var (series, expected) = k == 0 ? (WarmUpSeries, setup.Chargers)
                : k <= warmUps ? (WarmUpUpdatesSeries, (long)k * setup.Chargers)
                : (FrameSeries, (long)(k - warmUps) * setup.Chargers);
            tap.Begin(series);
            var target = await SendEventAsync(setup, k, deadline.Token).ConfigureAwait(false);
            allArrived = await run.FramesArrivedAsync(series, expected, frameWait).ConfigureAwait(false);
            if (k > warmUps) tap.EndEvent(LastFrameSeries);
            // The dispatch log says what the fleet sent for this event; its setpoints must add up to the target.
            var state = await setup.Fleets.Ask<FleetStateView>(new GetFleetState(setup.FleetId), frameWait, deadline.Token).ConfigureAwait(false);
            if (state.RecentDispatches is not [.., var last] || Math.Abs(last.TargetW - target) > 1e-6
                || Math.Abs(last.Frames.Sum(f => f.SetpointW) - last.AllocatedW) > setup.Chargers * 0.1)
                wrongTotals++;
        }

        var received = await stations.SetpointsReceivedAsync(deadline.Token).ConfigureAwait(false);
        var wanted = (long)(settings.Events + warmUps + 1) * setup.Chargers;
        report.Check(AllFramesArrived, allArrived && received == wanted,
                $"{received} of {wanted} setpoint frames ({settings.Events} events + {warmUps + 1} warm-up × {setup.Chargers} chargers), none lost, none extra")
            .Check("every event dispatched its target", wrongTotals == 0, $"{wrongTotals} event(s) whose dispatch did not match the target");
        await AddNodeStagesAsync(registry, report).ConfigureAwait(false);
        Finish();
        return await report.BuildAsync().ConfigureAwait(false);
    }

    /// <summary>Releases what <see cref="PrepareAsync"/> opened.</summary>
    protected virtual void Finish() { }

    /// <summary>A vehicle session of the fleet bound to each station's open transaction; returns how many the fleet
    /// confirmed as members.</summary>
    private static async Task<int> EnrolAsync(DispatchSetup setup, IReadOnlyList<StationState> stations, CancellationToken cancellationToken)
    {
        var sessions = await setup.Registry.GetAsync<VehicleSessionRegion>(cancellationToken).ConfigureAwait(false);
        var enrolled = 0;
        await Parallel.ForEachAsync(stations.Where(s => s is { Accepted: true, TransactionId: not null }),
            new ParallelOptions { MaxDegreeOfParallelism = SetupConcurrency, CancellationToken = cancellationToken }, async (s, token) =>
            {
                var bounds = new SessionBounds($"EV-{s.StationId}", setup.FleetId, s.StationId, 1, MaxChargeW, MaxDischargeW,
                    SocPercent: 60, ReservePercent: 20, TargetSocPercent: 90, EnergyRequestWh: 0, Departure: null, s.TransactionId,
                    DateTimeOffset.UtcNow);
                if (await sessions.Ask<object>(new RegisterVehicleSession(bounds), TimeSpan.FromSeconds(60), token).ConfigureAwait(false)
                    is VehicleSessionRegistered) Interlocked.Increment(ref enrolled);
            }).ConfigureAwait(false);
        // Joining is durable before it is confirmed, but the fleet confirms to the session, not to us: wait for it.
        // The fleet journals each join before the next (~30 joins/s on the shared machine), so 10,000 keep it busy for
        // minutes and a poll can time out meanwhile: wait up to 100 ms per session, poll gently (each answer copies
        // the whole member list), and count only members the fleet confirmed.
        var until = Stopwatch.GetTimestamp() + (long)(Math.Max(60, stations.Count * 0.1) * Stopwatch.Frequency);
        var members = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            try
            {
                var state = await setup.Fleets.Ask<FleetStateView>(new GetFleetState(setup.FleetId), TimeSpan.FromSeconds(30), cancellationToken)
                    .ConfigureAwait(false);
                members = state.Members.Length;
                if (members >= enrolled) break;
            }
            catch (AskTimeoutException)
            {
                // Still busy with joins: ask again.
            }
            await Task.Delay(stations.Count > 1000 ? 1000 : 100, cancellationToken).ConfigureAwait(false);
        }
        return Math.Min(enrolled, members);
    }

    /// <summary>The node's own view of the same run (ingress → frame written), beside the stations' view.</summary>
    private static async Task AddNodeStagesAsync(ActorRegistry registry, ReportBuilder report)
    {
        if (!registry.TryGet<DispatchLatencyRecorder>(out var recorder)) return;
        var latency = await recorder.Ask<DispatchLatencyReport>(GetDispatchLatency.Instance, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        foreach (var stage in latency.Stages)
        {
            report.Fact($"node {stage.Stage} p50", stage.P50Ms, "ms").Fact($"node {stage.Stage} p99", stage.P99Ms, "ms")
                .Fact($"node {stage.Stage} max", stage.MaxMs, "ms");
        }
    }
}

/// <summary>The fleet a dispatch scenario drives: <paramref name="Chargers"/> stations, wherever they run.</summary>
public sealed record DispatchSetup(string FleetId, int Chargers, ActorRegistry Registry, IActorRef Fleets, IServiceProvider Services)
{
    /// <summary>The fleet's combined charge rating (the droop's reference power and the fan-out's scale).</summary>
    public double RatedChargeW => Chargers * DispatchScenario.MaxChargeW;
}
