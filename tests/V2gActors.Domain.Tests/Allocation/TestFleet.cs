using V2gActors.Domain.Allocation;
using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Tests.Allocation;

/// <summary>Readable session and request builders for allocation tests.</summary>
internal static class TestFleet
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public static VehicleSession Flexible(
        string id, double maxChargeW, double maxDischargeW = 0, int node = 0, double soc = 50,
        double reserve = 20, double targetSoc = 90, double previousW = 0, double? rampWPerS = null) =>
        new(new SessionId(id), node, new Watts(maxChargeW), new Watts(maxDischargeW),
            new BatteryWindow(new StateOfCharge(soc), new StateOfCharge(reserve), new StateOfCharge(targetSoc)),
            EnergyNeed.None, new Watts(previousW),
            rampWPerS is { } r ? new RampRate(r) : RampRate.Unlimited, Now);

    public static VehicleSession Needing(this VehicleSession s, double kWh, TimeSpan departsIn) =>
        s with { Need = new EnergyNeed(WattHours.FromKilowattHours(kWh), Now + departsIn) };

    public static VehicleSession Stale(this VehicleSession s) =>
        s with { LastTelemetryAt = Now - TimeSpan.FromMinutes(5) };

    public static DispatchRequest Request(double targetW, LimitTree tree, params VehicleSession[] sessions) =>
        new(new Watts(targetW), tree, sessions, Now, DispatchPolicy.Default);

    public static DispatchRequest Request(double targetW, params VehicleSession[] sessions) =>
        Request(targetW, LimitTree.Unlimited(), sessions);

    public static double Power(this FleetAllocation a, string id) =>
        a.Setpoints.Single(s => s.Session.Value == id).Setpoint.Value;

    public static SetpointReason Reason(this FleetAllocation a, string id) =>
        a.Setpoints.Single(s => s.Session.Value == id).Reason;

    public static LimitNode Node(string name, int parent, double maxImportW, double maxExportW) =>
        new(name, parent, new Watts(maxImportW), new Watts(maxExportW));
}
