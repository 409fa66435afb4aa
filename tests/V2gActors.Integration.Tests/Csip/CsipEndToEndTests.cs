using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Sessions;
using V2gActors.Ieee2030_5.Aggregator;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Server;
using V2gActors.Ieee2030_5.Server.State;
using V2gActors.Simulators.Chargers;
using Xunit.Abstractions;

namespace V2gActors.Integration.Tests.Csip;

/// <summary>
/// The grid layer end to end over real sockets: our 2030.5 head-end (mutual TLS, development PKI) as the utility, a node
/// whose CSIP client registers the fleet as an EndDevice, and simulated OCPP 2.1 chargers with one EV each in that fleet.
/// A DERControl published on the head-end must reach the chargers as setpoint frames, come back as Responses
/// received → started (after the chargers acknowledged) → completed, and the fleet's DER documents and metering must
/// appear on the head-end.
/// </summary>
public sealed class CsipEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string FleetId = "FLEET-CSIP";
    private const int Chargers = 3;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(45);

    private readonly DevelopmentPki _pki = DevelopmentPki.Create();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "v2gactors-it", $"csip-{Guid.NewGuid():N}");
    private HeadEndServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await HeadEndServer.StartAsync(new HeadEndOptions
        {
            ServerCertificate = _pki.IssueServer(), TrustedRoot = _pki.Root, Port = 0, PollRateSeconds = 60,
        });
        _server.State.Programs.AddProgram(1, "DSO feeder (test)", primacy: 1, Convert.FromHexString("A1000000000000000000000000000009"),
            new DERControlBase { OpModConnect = true });
    }

    [Fact]
    public async Task A_DERControl_reaches_the_chargers_and_is_answered_by_what_the_fleet_did()
    {
        Directory.CreateDirectory(_dir);
        var certFile = Path.Combine(_dir, "aggregator.p12");
        var rootFile = Path.Combine(_dir, "serca.pem");
        await File.WriteAllBytesAsync(certFile, _pki.IssueDevice("aggregator-it").Export(X509ContentType.Pkcs12, "it-secret"));
        await File.WriteAllTextAsync(rootFile, _pki.Root.ExportCertificatePem());

        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath(), new Dictionary<string, string?>
        {
            ["V2g:Csip:Enabled"] = "true",
            ["V2g:Csip:ServerUrl"] = _server.BaseAddress.ToString(),
            ["V2g:Csip:ClientCertificate"] = certFile,
            ["V2g:Csip:ClientCertificatePassword"] = "it-secret",
            ["V2g:Csip:TrustedRoot"] = rootFile,
            ["V2g:Csip:Mode"] = "Subscribe",
            ["V2g:Csip:ReportEverySeconds"] = "1",
            ["V2g:Csip:Fleets:0:FleetId"] = FleetId,
        });
        var registry = node.App.Services.GetRequiredService<ActorRegistry>();
        var fleets = await registry.GetAsync<FleetRegion>();
        var options = node.SimulatorOptions() with { PlugInAfter = null, MeterInterval = TimeSpan.FromMilliseconds(250) };
        var chargers = Enumerable.Range(0, Chargers).Select(i => new SimulatedCharger($"CSIP-{i:D2}", options)).ToList();
        try
        {
            await FleetChargers.PlugInAsync(node, chargers, (i, c, transactionId) => new SessionBounds($"CSIP-EV-{i}", FleetId,
                c.StationId, 1, MaxChargeW: 11_000, MaxDischargeW: 7_000, SocPercent: 70, ReservePercent: 20, TargetSocPercent: 90,
                EnergyRequestWh: 0, Departure: null, transactionId, DateTimeOffset.UtcNow), Within);

            // The fleet registered as an EndDevice and uploads its capability (summed ratings) from live state.
            var deviceId = 0;
            await Eventually.HoldsAsync(() =>
            {
                var device = _server.State.Devices.Find(1);
                if (device is null) return false;
                deviceId = device.Id;
                var capability = _server.State.Documents.Get<DERCapability>(deviceId, DeviceDocumentKind.DerCapability);
                return capability?.RtgMaxChargeRateW is { } charge && SepPower.Watts(charge.Value, charge.Multiplier) == Chargers * 11_000;
            }, Within, () => "no DERCapability with the fleet's summed ratings");

            // The DSO asks for 15 kW of output for 10 s: the fleet discharges 15 kW across its chargers.
            var seen = chargers.ToDictionary(c => c.StationId, c => c.SetpointsReceived.Count);
            var mrid = Convert.FromHexString("B2000000000000000000000000000001");
            var published = DateTimeOffset.UtcNow;
            Publish(mrid, startsIn: 0, duration: 10, outputKw: 15);

            await Eventually.HoldsAsync(() => chargers.All(c => c.SetpointsReceived.Count > seen[c.StationId]), Within,
                () => "setpoints did not reach every charger");
            Assert.Equal(-15_000, chargers.Sum(c => c.SetpointsReceived[^1].SetpointW), Chargers * 0.1);
            Report(chargers.Select(c => c.SetpointsReceived[^1].ReceivedAt - published).ToList());

            // Responses in order: received, started (after the acks), completed (after the 10 s window).
            await Eventually.HoldsAsync(() => _server.State.Responses.StatusesFor(mrid).Count >= 2, Within,
                () => $"responses so far: [{string.Join(",", _server.State.Responses.StatusesFor(mrid))}]");
            Assert.Equal([1, 2], _server.State.Responses.StatusesFor(mrid).Take(2).Select(s => (int)s));
            var state = await fleets.Ask<FleetStateView>(new GetFleetState(FleetId), Within);
            var dispatch = state.RecentDispatches.Last(d => d.Source.StartsWith("grid:csip:", StringComparison.Ordinal));
            Assert.Equal(-15_000, dispatch.TargetW, 1e-6);
            Assert.True(dispatch.AllAnswered && dispatch.Frames.All(f => f.Accepted == true));
            var started = _server.State.Responses.All.First(r => r.Response.Subject!.SequenceEqual(mrid) && r.Response.Status == 2);
            Assert.True(started.ReceivedAt >= dispatch.Frames.Max(f => f.AckedAt!.Value).ToUnixTimeSeconds(),
                "started was posted before the chargers acknowledged");

            await Eventually.HoldsAsync(() => _server.State.Responses.StatusesFor(mrid).Count >= 3, Within,
                () => $"responses so far: [{string.Join(",", _server.State.Responses.StatusesFor(mrid))}]");
            Assert.Equal([1, 2, 3], _server.State.Responses.StatusesFor(mrid).Select(s => (int)s));

            // An event cancelled before it starts: received, then cancelled, nothing in between.
            var cancelled = Convert.FromHexString("B2000000000000000000000000000002");
            Publish(cancelled, startsIn: 600, duration: 60, outputKw: 5);
            await Eventually.HoldsAsync(() => _server.State.Responses.StatusesFor(cancelled).Count >= 1, Within);
            Assert.True(_server.State.Programs.CancelControl(1, cancelled, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            await Eventually.HoldsAsync(() => _server.State.Responses.StatusesFor(cancelled).Count >= 2, Within);
            Assert.Equal([1, 6], _server.State.Responses.StatusesFor(cancelled).Select(s => (int)s));

            // Live status and metering on the head-end: discharging, and a mirror with readings of the fleet's power.
            await Eventually.HoldsAsync(() =>
                _server.State.Documents.Get<DERStatus>(deviceId, DeviceDocumentKind.DerStatus)?.StorageModeStatus?.Value == 1, Within,
                () => "DERStatus never reported discharging");
            Assert.NotNull(_server.State.Documents.Get<DERAvailability>(deviceId, DeviceDocumentKind.DerAvailability));
            Assert.NotNull(_server.State.Documents.Get<DERSettings>(deviceId, DeviceDocumentKind.DerSettings));
            var mirror = Assert.Single(_server.State.Mirrors.OwnedBy(_server.State.Devices.Find(deviceId)!.OwnerLfdi));
            await Eventually.HoldsAsync(() => _server.State.Mirrors.ReadingsOf(mirror.Id).Any(r => r.Reading?.Value < -10_000), Within,
                () => $"metering: [{string.Join(",", _server.State.Mirrors.ReadingsOf(mirror.Id).Select(r => r.Reading?.Value))}]");
        }
        finally
        {
            await Task.WhenAll(chargers.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Printed, not asserted: the shared machine's load decides it (subscription notification, not polling).</summary>
    private void Report(List<TimeSpan> latencies)
    {
        var line = System.FormattableString.Invariant(
            $"2030.5 DERControl published on the head-end → setpoint frame at the charger (notification, mTLS), {latencies.Count} chargers: ") +
            string.Join(", ", latencies.Select(l => System.FormattableString.Invariant($"{l.TotalMilliseconds:0} ms")));
        output.WriteLine(line);
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable("V2G_TEST_REPORT") is { Length: > 0 } report) File.AppendAllText(report, line + Environment.NewLine);
    }

    /// <summary>The DSO asks for <paramref name="outputKw"/> of output (opModTargetW) from <paramref name="startsIn"/> seconds on.</summary>
    private void Publish(byte[] mrid, long startsIn, uint duration, short outputKw)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _server.State.Programs.AddControl(1, new DERControl
        {
            MRID = mrid, Description = $"output {outputKw} kW", CreationTime = now,
            EventStatus = new EventStatus { CurrentStatus = startsIn <= 0 ? (byte)1 : (byte)0, DateTime = now },
            Interval = new DateTimeInterval { Start = now + startsIn, Duration = duration },
            DERControlBase = new DERControlBase { OpModTargetW = new ActivePowerControlType { Value = outputKw, Multiplier = 3 } },
            ResponseRequired = [0x03],
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _pki.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
