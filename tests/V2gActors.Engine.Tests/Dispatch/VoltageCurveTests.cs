using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Domain.Grid;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;
using V2gActors.Engine.Sessions;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class VoltageCurveTests : TestKit
{
    private static readonly PiecewiseLinearCurve VoltVar = new([new(92, 30), new(98, 0), new(102, 0), new(108, -30)]);
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Volt_var_and_volt_watt_become_schema_valid_SetDERControl_curves()
    {
        var vv = VoltageCurveFrames.For(new VoltVarControl("vv-1", ControlWindow.Default(3), new VoltVarCurve(VoltVar, TimeSpan.FromSeconds(5))), out _)!;
        var vw = VoltageCurveFrames.For(new VoltWattControl("vw-1", new ControlWindow(Start, TimeSpan.FromMinutes(30), 1),
            new VoltWattCurve(new PiecewiseLinearCurve([new(106, 100), new(110, 0)]), TimeSpan.Zero)), out _)!;

        foreach (var json in new[] { vv, vw })
            Assert.Null(OcppPayloadCodec.ValidateOutgoing(OcppVersion.V21, VoltageCurveFrames.SetDERControl, OcppPayloadKind.Request,
                Encoding.UTF8.GetBytes(json)));
        using var a = JsonDocument.Parse(vv);
        Assert.True(a.RootElement.GetProperty("isDefault").GetBoolean());
        Assert.Equal("VoltVar", a.RootElement.GetProperty("controlType").GetString());
        var curve = a.RootElement.GetProperty("curve");
        Assert.Equal("PctMaxVar", curve.GetProperty("yUnit").GetString());
        Assert.Equal(3, curve.GetProperty("priority").GetInt32());
        Assert.Equal(4, curve.GetProperty("curveData").GetArrayLength());
        Assert.Equal(5, curve.GetProperty("responseTime").GetDecimal());
        using var b = JsonDocument.Parse(vw);
        Assert.False(b.RootElement.GetProperty("isDefault").GetBoolean());
        Assert.Equal("PctMaxW", b.RootElement.GetProperty("curve").GetProperty("yUnit").GetString());
        Assert.Equal(1800, b.RootElement.GetProperty("curve").GetProperty("duration").GetDecimal());
    }

    [Fact]
    public void Curves_OCPP_cannot_carry_and_other_controls_are_not_mapped()
    {
        var many = new PiecewiseLinearCurve(Enumerable.Range(0, 11).Select(i => new CurvePoint(90 + i, 10 - i)));
        Assert.Null(VoltageCurveFrames.For(new VoltVarControl("big", ControlWindow.Default(1), new VoltVarCurve(many, TimeSpan.Zero)), out var why));
        Assert.Contains("11 points", why);
        Assert.False(VoltageCurveFrames.IsVoltageCurve(new FleetTargetControl("t", ControlWindow.Default(1), new(1))));
    }

    [Fact]
    public void A_volt_var_control_at_grid_ingress_reaches_every_station_of_the_fleet_once()
    {
        var fleets = CreateTestProbe();
        var chargers = CreateTestProbe();
        var curves = Sys.ActorOf(VoltageCurveActor.Props(fleets, chargers));
        var ingress = Sys.ActorOf(GridIngressActor.Props(new GridIngressSettings(CreateTestProbe())));
        Thread.Sleep(200); // the actor subscribes to the EventStream in PreStart

        ingress.Tell(new GridControlReceived(["F"], new VoltVarControl("vv", ControlWindow.Default(1), new VoltVarCurve(VoltVar, TimeSpan.Zero))));
        fleets.ExpectMsg<GetFleetState>();
        SessionBounds Bounds(string station, int evse) => new($"EV-{station}-{evse}", "F", station, evse, 11_000, 0, 50, 20, 90, 0, null, null, Start);
        fleets.Reply(new FleetStateView("F", null, null, 0, null, null,
            [.. new[] { Bounds("CS-1", 1), Bounds("CS-1", 2), Bounds("CS-2", 1) }.Select(b => new FleetMemberView(b, 0, null, false, null, null))], [], 0));

        var sent = new[] { chargers.ExpectMsg<SendChargerCommand>(), chargers.ExpectMsg<SendChargerCommand>() };
        chargers.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(["CS-1", "CS-2"], sent.Select(s => s.StationId).Order());
        Assert.All(sent, s => Assert.Equal(VoltageCurveFrames.SetDERControl, s.Action));
        curves.Tell(VoltageCurveActor.GetVoltageCurveState.Instance);
        Assert.Equal(2, ExpectMsg<VoltageCurveActor.VoltageCurveView>().Sent);
    }
}
