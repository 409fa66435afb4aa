using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using V2gActors.Domain.Grid;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Server;
using V2gActors.Ieee2030_5.Server.State;
using V2gActors.Node.Csip;

namespace V2gActors.Integration.Tests.Csip;

/// <summary>
/// One <see cref="CsipFleetActor"/> against our head-end over mutual TLS, with probes standing in for GridIngress and an
/// empty fleet: the demo's voltage and export-limit events arrive at GridIngress as protocol-neutral controls side by
/// side, are withdrawn when their windows close, and are answered "not applicable" (no vehicle can follow them).
/// </summary>
public sealed class CsipFleetActorTests : TestKit, IAsyncLifetime
{
    private const string FleetId = "F-EMPTY";
    private readonly DevelopmentPki _pki = DevelopmentPki.Create();
    private HeadEndServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await HeadEndServer.StartAsync(new HeadEndOptions
        {
            ServerCertificate = _pki.IssueServer(), TrustedRoot = _pki.Root, Port = 0, PollRateSeconds = 60,
        });
        _server.State.Programs.AddProgram(1, "feeder", primacy: 2, Convert.FromHexString("A1000000000000000000000000000007"),
            new DERControlBase { OpModConnect = true });
        _server.State.Programs.AddCurve(1, new DERCurve
        {
            MRID = Convert.FromHexString("C0000000000000000000000000000001"), CurveType = 11, XMultiplier = -2, YRefType = 3,
            CurveData = [new CurveData { Xvalue = 9_200, Yvalue = 44 }, new CurveData { Xvalue = 10_800, Yvalue = -44 }],
        });
    }

    [Fact]
    public void Events_become_grid_controls_are_withdrawn_at_their_end_and_rejected_by_an_empty_fleet()
    {
        var grid = CreateTestProbe();
        var fleets = CreateTestProbe();
        var empty = new FleetStateView(FleetId, null, null, 0, null, null, [], [], 0);
        fleets.SetAutoPilot(new DelegateAutoPilot((sender, _) =>
        {
            sender.Tell(empty);
            return AutoPilot.KeepRunning;
        }));
        var board = new CsipStatusBoard();
        var options = new CsipOptions { ReportEverySeconds = 1, NoDispatchGraceSeconds = 1, Mode = "Subscribe" };
        var connection = new FixedConnection(new CsipConnection(_server.BaseAddress, _pki.IssueDevice("aggregator-actor"), _pki.Root));
        Sys.ActorOf(CsipFleetActor.Props(new CsipFleetSettings(options, new CsipFleetOptions { FleetId = FleetId }, connection,
            grid, fleets, board)));
        AwaitCondition(() => board.Fleets.Any(f => f.Connected), TimeSpan.FromSeconds(30));

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        byte[] voltVar = Convert.FromHexString("B3000000000000000000000000000001"), export = Convert.FromHexString("B3000000000000000000000000000002");
        Publish(voltVar, now, new DERControlBase { OpModVoltVar = new DERCurveLink { Href = "/derp/1/dc/1" } });
        Publish(export, now, new DERControlBase { OpModMaxLimWInject = new UnsignedActivePowerControlType { Value = 5, Multiplier = 3 } });

        // Both kinds reach GridIngress, for this fleet, with the program's primacy as priority.
        var received = new List<GridControl>();
        grid.FishForMessage<GridControlReceived>(m =>
        {
            received.Add(m.Control);
            return received.OfType<VoltVarControl>().Any() && received.OfType<PowerLimitControl>().Any();
        }, TimeSpan.FromSeconds(30));
        var limit = received.OfType<PowerLimitControl>().Single();
        Assert.Equal((5_000.0, 2), (limit.Limits.ExportLimit!.Value.Value, limit.Window.Priority));
        Assert.Equal(-44, received.OfType<VoltVarControl>().Single().Curve.PercentVarAt(90), 6);

        // No vehicle can follow them: received, then 252 (not applicable); nothing after that.
        AwaitCondition(() => Statuses(voltVar).Count >= 2 && Statuses(export).Count >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal([1, 252], Statuses(voltVar));
        Assert.Equal([1, 252], Statuses(export));

        // The windows close: both controls are withdrawn (replaced by windows that end as they open).
        var withdrawn = new HashSet<string>();
        grid.FishForMessage<GridControlReceived>(m =>
        {
            if (m.Control.Window.Duration == TimeSpan.Zero) withdrawn.Add(m.Control.ControlId);
            return withdrawn.Count == 2;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(new HashSet<string> { $"csip:{FleetId}:volt-var", $"csip:{FleetId}:limits" }, withdrawn);

        // The empty fleet's documents are on the head-end too.
        AwaitCondition(() => _server.State.Documents.Get<DERStatus>(1, DeviceDocumentKind.DerStatus) is { OperationalModeStatus.Value: 1 },
            TimeSpan.FromSeconds(30));
    }

    private List<int> Statuses(byte[] mrid) => _server.State.Responses.StatusesFor(mrid).Select(s => (int)s).ToList();

    private void Publish(byte[] mrid, long now, DERControlBase modes) => _server.State.Programs.AddControl(1, new DERControl
    {
        MRID = mrid, Description = "test event", CreationTime = now,
        EventStatus = new EventStatus { CurrentStatus = 1, DateTime = now },
        Interval = new DateTimeInterval { Start = now, Duration = 4 },
        DERControlBase = modes, ResponseRequired = [0x03],
    });

    private sealed class FixedConnection(CsipConnection connection) : ICsipConnectionSource
    {
        public Task<CsipConnection> GetAsync(CancellationToken ct) => Task.FromResult(connection);
    }

    public async Task DisposeAsync()
    {
        Shutdown();
        await _server.DisposeAsync();
        _pki.Dispose();
    }
}
