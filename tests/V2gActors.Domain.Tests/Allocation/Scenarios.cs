using FsCheck;
using FsCheck.Fluent;
using V2gActors.Domain.Allocation;
using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Tests.Allocation;

/// <summary>A random dispatch: a limit tree, sessions hanging from it, and a target.</summary>
public sealed record Scenario(LimitTree Tree, VehicleSession[] Sessions, double Target)
{
    public DispatchRequest Request => new(new Watts(Target), Tree, Sessions, TestFleet.Now, DispatchPolicy.Default);

    public override string ToString() =>
        $"target {Target} W, nodes [{string.Join("; ", Tree.Nodes.Select(n => $"{n.Name}<-{n.Parent} +{n.MaxImport.Value}/-{n.MaxExport.Value}"))}], " +
        $"sessions [{string.Join("; ", Sessions.Select(s => $"{s.Id}@{s.LimitNode} +{s.MaxCharge.Value}/-{s.MaxDischarge.Value} soc {s.Battery.Soc.Percent} " +
            $"[{s.Battery.Reserve.Percent},{s.Battery.Target.Percent}] need {s.Need.Remaining.Value}Wh by {(s.Need.Departure - TestFleet.Now).TotalMinutes:0}min " +
            $"prev {s.PreviousSetpoint.Value} ramp {s.Ramp} {(s.LastTelemetryAt < TestFleet.Now ? "STALE" : "")}"))}]";
}

/// <summary>FsCheck generators for allocation scenarios. Values use coarse steps so shrunk cases stay readable.</summary>
public static class Scenarios
{
    private static readonly DateTimeOffset Now = TestFleet.Now;

    public static Arbitrary<Scenario> Any() => Generator().ToArbitrary();

    public static Gen<Scenario> Generator() =>
        from nodeCount in Gen.Choose(1, 7)
        from tree in TreeGen(nodeCount)
        from count in Gen.Choose(0, 16)
        from sessions in Gen.ArrayOf(SessionGen(nodeCount), count)
        from target in TargetGen(sessions)
        select new Scenario(tree, Named(sessions), target);

    /// <summary>Mostly a share of what the fleet could do (so targets are often feasible), sometimes anything.</summary>
    private static Gen<double> TargetGen(VehicleSession[] sessions)
    {
        var charge = sessions.Sum(s => s.MaxCharge.Value);
        var discharge = sessions.Sum(s => s.MaxDischarge.Value);
        return Gen.Frequency(
            (1, Gen.Choose(-150, 150).Select(kw => kw * 1000.0)),
            (2, Gen.Choose(-100, 100).Select(pct => pct >= 0 ? charge * pct / 100.0 : discharge * pct / 100.0)));
    }

    private static Gen<LimitTree> TreeGen(int nodeCount) =>
        from nodes in Gen.CollectToArray(Enumerable.Range(0, nodeCount), NodeGen)
        select new LimitTree(nodes);

    private static Gen<LimitNode> NodeGen(int index) =>
        from parent in index == 0 ? Gen.Constant(-1) : Gen.Choose(0, index - 1)
        from import in LimitGen()
        from export in LimitGen()
        select new LimitNode($"n{index}", parent, new Watts(import), new Watts(export));

    private static Gen<double> LimitGen() =>
        Gen.Frequency(
            (1, Gen.Constant(double.PositiveInfinity)),
            (3, Gen.Choose(0, 80).Select(kw => kw * 1000.0)));

    private static Gen<VehicleSession> SessionGen(int nodeCount) =>
        from node in Gen.Choose(0, nodeCount - 1)
        from maxCharge in Gen.Elements(0.0, 3_700.0, 7_400.0, 11_000.0, 22_000.0)
        from maxDischarge in Gen.Elements(0.0, 0.0, 5_000.0, 11_000.0)
        from soc in Gen.Choose(0, 100)
        from reserve in Gen.Choose(0, 40)
        from targetSoc in Gen.Choose(40, 100)
        from need in NeedGen()
        from previous in Gen.Choose(-110, 220).Select(h => h * 100.0)
        from ramp in Gen.Frequency(
            (1, Gen.Constant(RampRate.Unlimited)),
            (1, Gen.Choose(1, 300).Select(r => new RampRate(r * 10.0))))
        from stale in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        select new VehicleSession(new SessionId("?"), node, new Watts(maxCharge), new Watts(maxDischarge),
            new BatteryWindow(new StateOfCharge(soc), new StateOfCharge(reserve), new StateOfCharge(targetSoc)),
            need, new Watts(previous), ramp, stale ? Now - TimeSpan.FromMinutes(5) : Now);

    private static Gen<EnergyNeed> NeedGen() =>
        Gen.Frequency(
            (1, Gen.Constant(EnergyNeed.None)),
            (1, from kwh in Gen.Choose(0, 60)
                from minutes in Gen.Choose(0, 600)
                select new EnergyNeed(WattHours.FromKilowattHours(kwh), Now + TimeSpan.FromMinutes(minutes))));

    private static VehicleSession[] Named(VehicleSession[] sessions)
    {
        for (var i = 0; i < sessions.Length; i++) sessions[i] = sessions[i] with { Id = new SessionId($"s{i}") };
        return sessions;
    }
}
