using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.FrequencyFeed;
using V2gActors.Engine.Grid;
using V2gActors.Engine.Metrics;
using V2gActors.Engine.Sessions;
using V2gActors.Node.FrequencyFeed;
using V2gActors.Node.Metrics;
using V2gActors.Simulators.Chargers;
using Xunit.Abstractions;

namespace V2gActors.Integration.Tests.Dispatch;

/// <summary>
/// Issue 4 acceptance for the central fast path: frequency steps sent as datagrams on the node's UDP feed and as
/// messages on its WebSocket feed (never as actor messages) drive GridIngress' droop, and every simulated charger of
/// the fleet receives its new setpoint frame. The ingress→frame latency distribution is printed, not asserted, and the
/// node's per-stage histograms are readable through GetDispatchLatency and /metrics.
/// </summary>
public sealed class FrequencyFeedEndToEndTests(ITestOutputHelper output)
{
    private const string FleetId = "FLEET-FEED";
    private const int Chargers = 5;
    private const double BaseW = 5_000;
    private const double ReferenceW = 55_000;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private static readonly FrequencyDroop Droop = new(new Hertz(50), new Hertz(0.02), new Hertz(0.02), 0.04, 0.04, TimeSpan.Zero);

    [Fact]
    public async Task Frequency_steps_on_the_udp_and_websocket_feeds_reach_every_charger_as_setpoints()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath(), new Dictionary<string, string?>
        {
            ["V2g:FrequencyFeed:Enabled"] = "true",
            ["V2g:FrequencyFeed:Udp"] = "127.0.0.1:0",
            ["V2g:FrequencyFeed:WebSocketUrl"] = "http://127.0.0.1:0",
        });
        var registry = node.App.Services.GetRequiredService<ActorRegistry>();
        var fleets = await registry.GetAsync<FleetRegion>();
        var options = node.SimulatorOptions() with { PlugInAfter = null, MeterInterval = TimeSpan.FromSeconds(5) };
        var chargers = Enumerable.Range(0, Chargers).Select(i => new SimulatedCharger($"FEED-{i:D2}", options)).ToList();
        try
        {
            await JoinFleetAsync(node, registry, chargers);
            var grid = await registry.GetAsync<GridIngressActor>();
            grid.Tell(new AssignFleetToGrid(FleetId, ReferenceW));
            grid.Tell(new GridControlReceived([FleetId], new FleetTargetControl("base", ControlWindow.Default(1), new Watts(BaseW))));
            grid.Tell(new GridControlReceived([FleetId], new FrequencyDroopControl("droop", ControlWindow.Default(1), Droop)));
            await Eventually.HoldsAsync(async () => (await StateAsync(fleets)).RecentDispatches is [.., { AllAnswered: true, TargetW: BaseW }], Within);

            var feed = node.App.Services.GetRequiredService<FrequencyFeedService>();
            using var udp = new UdpClient(feed.UdpEndpoint!.AddressFamily);
            udp.Connect(feed.UdpEndpoint);
            using var ws = new ClientWebSocket();
            await ws.ConnectAsync(node.App.Services.GetRequiredService<FrequencyFeedListener>().Uri, CancellationToken.None);

            var latencies = new List<TimeSpan>();
            double[] steps = [49.90, 50.10, 49.85, 50.00, 50.15, 49.95];
            for (var k = 0; k < steps.Length; k++)
            {
                var bytes = FrequencySampleCodec.Encode(new FrequencySample(steps[k], DateTimeOffset.UtcNow, "pmu-test", k + 1));
                var seen = chargers.ToDictionary(c => c.StationId, c => c.SetpointsReceived.Count);
                // Alternate the transports: odd steps over UDP, even ones over the WebSocket.
                if (k % 2 == 0) await udp.SendAsync(bytes);
                else await ws.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

                await Eventually.HoldsAsync(() => chargers.All(c => c.SetpointsReceived.Count > seen[c.StationId]), Within,
                    () => $"step {k} ({steps[k]} Hz): {chargers.Count(c => c.SetpointsReceived.Count > seen[c.StationId])} of {Chargers} chargers got a frame");
                var dispatch = (await StateAsync(fleets)).RecentDispatches[^1];
                var expected = BaseW + DroopResponse.PowerChange(Droop, new Hertz(steps[k]), new Watts(ReferenceW), DroopHeadroom.Unlimited).Value;
                Assert.Equal("frequency", dispatch.Source);
                Assert.Equal(expected, dispatch.TargetW, 1e-6);
                var received = chargers.Select(c => c.SetpointsReceived[^1]).ToList();
                Assert.Equal(expected, received.Sum(r => r.SetpointW), Chargers * 0.1);
                latencies.AddRange(received.Select(r => r.ReceivedAt - dispatch.IngressAt));
                await Eventually.HoldsAsync(async () =>
                    (await StateAsync(fleets)).RecentDispatches.Single(d => d.DispatchId == dispatch.DispatchId).AllAnswered, Within);
            }

            // Bad input on the feed is dropped and counted, never dispatched.
            await udp.SendAsync("not json"u8.ToArray());
            await udp.SendAsync(FrequencySampleCodec.Encode(new FrequencySample(49.0, null, "pmu-test", 1))); // replayed seq
            var feedActor = await registry.GetAsync<FrequencyFeedActor>();
            await Eventually.HoldsAsync(async () =>
            {
                var view = await feedActor.Ask<FrequencyFeedView>(GetFrequencyFeedState.Instance, Within);
                return view.Forwarded == steps.Length && view.Dropped.GetValueOrDefault("undecodable") == 1
                    && view.Dropped.GetValueOrDefault("out of order") == 1;
            }, Within);

            Report("frequency step on the UDP/WebSocket feed → setpoint frame at the charger (socket read → simulator receive)", latencies);
            await ReportStagesAsync(node, registry);
        }
        finally
        {
            await Task.WhenAll(chargers.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Pre_positioned_curves_reach_every_charger_and_are_refreshed_when_a_vehicle_arrives()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        var registry = node.App.Services.GetRequiredService<ActorRegistry>();
        var curves = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var options = node.SimulatorOptions(frame =>
        {
            if (frame is { Action: "SetChargingProfile", Kind: V2gActors.Ocpp.OcppPayloadKind.Request }
                && System.Text.Encoding.UTF8.GetString(frame.Payload.Span).Contains("\"LocalFrequency\"", StringComparison.Ordinal))
                curves.AddOrUpdate(frame.StationId, 1, (_, n) => n + 1);
        }) with { PlugInAfter = null, MeterInterval = TimeSpan.FromSeconds(5) };
        var chargers = Enumerable.Range(0, 4).Select(i => new SimulatedCharger($"PRE-{i:D2}", options)).ToList();
        try
        {
            await JoinFleetAsync(node, registry, chargers.Take(3).ToList());
            var local = await registry.GetAsync<LocalFrequencyActor>();
            local.Tell(new ArmLocalFrequency(FleetId, Droop, 33_000));
            await Eventually.HoldsAsync(() => chargers.Take(3).All(c => curves.GetValueOrDefault(c.StationId) == 1), Within,
                () => string.Join(", ", curves.Select(kv => $"{kv.Key}:{kv.Value}")));
            await Eventually.HoldsAsync(async () =>
                (await local.Ask<LocalFrequencyView>(GetLocalFrequencyState.Instance, Within)).InstalledByFleet[FleetId] == 3, Within);

            // A vehicle arrives: the fleet's hook re-plans and every charger, the new one included, gets its new share.
            await JoinFleetAsync(node, registry, [chargers[3]], expectedMembers: 4);
            await Eventually.HoldsAsync(() => chargers.Take(3).All(c => curves.GetValueOrDefault(c.StationId) == 2)
                && curves.GetValueOrDefault(chargers[3].StationId) == 1, Within,
                () => string.Join(", ", curves.Select(kv => $"{kv.Key}:{kv.Value}")));
            await Eventually.HoldsAsync(async () =>
                (await local.Ask<LocalFrequencyView>(GetLocalFrequencyState.Instance, Within)).InstalledByFleet[FleetId] == 4, Within);
        }
        finally
        {
            await Task.WhenAll(chargers.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task JoinFleetAsync(TestNode node, ActorRegistry registry, List<SimulatedCharger> chargers, int? expectedMembers = null)
    {
        var sessions = await registry.GetAsync<VehicleSessionRegion>();
        var fleets = await registry.GetAsync<FleetRegion>();
        chargers.ForEach(c => c.Start());
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(chargers.Select(c => node.StateAsync(c.StationId))))
            .All(s => s is { Connected: true, Registration: RegistrationStatus.Accepted }), Within);
        await Task.WhenAll(chargers.Select(c => c.StartTransactionAsync(1)));
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(chargers.Select(c => node.StateAsync(c.StationId))))
            .All(s => s.OpenTransactions.Length == 1), Within);
        foreach (var c in chargers)
        {
            var bounds = new SessionBounds($"EV-{c.StationId}", FleetId, c.StationId, 1, MaxChargeW: 11_000, MaxDischargeW: 10_000,
                SocPercent: 60, ReservePercent: 20, TargetSocPercent: 90, EnergyRequestWh: 0, Departure: null,
                c.ActiveTransactionId(1), DateTimeOffset.UtcNow);
            Assert.IsType<VehicleSessionRegistered>(await sessions.Ask<object>(new RegisterVehicleSession(bounds), Within));
        }
        await Eventually.HoldsAsync(async () => (await StateAsync(fleets)).Members.Length == (expectedMembers ?? chargers.Count), Within);
    }

    private static Task<FleetStateView> StateAsync(IActorRef fleets) => fleets.Ask<FleetStateView>(new GetFleetState(FleetId), Within);

    /// <summary>The node's own per-stage histograms, through the pinned contract and through /metrics.</summary>
    private async Task ReportStagesAsync(TestNode node, ActorRegistry registry)
    {
        var recorder = await registry.GetAsync<DispatchLatencyRecorder>();
        DispatchLatencyReport report = null!;
        // Every frame's socket stamp is matched; the last ones may still be on their way to the recorder.
        await Eventually.HoldsAsync(async () =>
        {
            report = await recorder.Ask<DispatchLatencyReport>(GetDispatchLatency.Instance, Within);
            return report.Stages.Single(s => s.Stage == DispatchStages.IngressToFrameWritten).Count >= 6 * Chargers;
        }, Within);
        foreach (var stage in report.Stages)
            Print(string.Create(CultureInfo.InvariantCulture,
                $"  node stage {stage.Stage}: n={stage.Count} p50 {stage.P50Ms:0.00} ms, p90 {stage.P90Ms:0.00} ms, p99 {stage.P99Ms:0.00} ms, max {stage.MaxMs:0.00} ms"));
        Assert.All(report.Stages, s => Assert.True(s.Count > 0, $"{s.Stage} recorded nothing"));

        using var http = new HttpClient();
        var scrape = await http.GetStringAsync(node.App.Services.GetRequiredService<MetricsListener>().Uri());
        Assert.Contains("v2g_dispatch_latency_seconds{stage=\"ingress_to_frame_written\",quantile=\"0.99\"}", scrape);
        Assert.Contains("v2g_frequency_feed_forwarded_total 6", scrape);
        // The OCPP listener does not serve metrics.
        var onOcpp = await http.GetAsync(new UriBuilder(node.OcppUri) { Scheme = "http", Path = "/metrics" }.Uri);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, onOcpp.StatusCode);
    }

    /// <summary>Printed, not asserted: the shared machine's load decides these numbers.</summary>
    private void Report(string what, List<TimeSpan> latencies)
    {
        var ms = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        Print(string.Create(CultureInfo.InvariantCulture,
            $"{what}, {ms.Length} frames over {Chargers} chargers: min {ms[0]:0.0} ms, p50 {P(0.5):0.0} ms, p90 {P(0.9):0.0} ms, " +
            $"p99 {P(0.99):0.0} ms, max {ms[^1]:0.0} ms"));
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable("V2G_TEST_REPORT") is { Length: > 0 } report) File.AppendAllText(report, line + Environment.NewLine);
    }
}
