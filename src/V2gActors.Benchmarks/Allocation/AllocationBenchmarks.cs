using BenchmarkDotNet.Attributes;
using V2gActors.Domain.Allocation;
using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Benchmarks.Allocation;

/// <summary>
/// One dispatch of a fleet target over N sessions (budget: 10k sessions ≤ 2 ms). The fleet is spread over a tree of
/// one grid connection and sites of 100 chargers, with mixed ratings, states of charge, energy needs and ramp limits,
/// so the tree clamping and the urgency weights are exercised and not just the trivial water level.
/// </summary>
[BenchmarkCategory("allocation")]
public class AllocationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private DispatchRequest _request = null!;

    [Params(1_000, 10_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124); // fixed: every run allocates the same fleet
        var sites = Sessions / 100;
        var nodes = new List<LimitNode> { new("grid", -1, new Watts(Sessions * 5_000.0), new Watts(Sessions * 3_000.0)) };
        for (var s = 0; s < sites; s++) nodes.Add(new LimitNode($"site-{s}", 0, new Watts(600_000), new Watts(400_000)));
        var sessions = new VehicleSession[Sessions];
        for (var i = 0; i < Sessions; i++)
        {
            var rating = random.Next(3) switch { 0 => 7_400.0, 1 => 11_000.0, _ => 22_000.0 };
            var soc = 10 + random.NextDouble() * 80;
            var need = random.Next(3) == 0
                ? EnergyNeed.None
                : new EnergyNeed(WattHours.FromKilowattHours(5 + random.NextDouble() * 40), Now + TimeSpan.FromHours(1 + random.NextDouble() * 10));
            sessions[i] = new VehicleSession(new SessionId($"s{i}"), 1 + i % sites, new Watts(rating), new Watts(random.Next(2) == 0 ? rating : 0),
                new BatteryWindow(new StateOfCharge(soc), new StateOfCharge(20), new StateOfCharge(90)), need,
                new Watts(random.NextDouble() * rating), random.Next(4) == 0 ? new RampRate(500) : RampRate.Unlimited, Now);
        }
        _request = new DispatchRequest(new Watts(Sessions * 4_000.0), new LimitTree(nodes), sessions, Now, DispatchPolicy.Default);
    }

    [Benchmark(Description = "FleetAllocator.Allocate")]
    public FleetAllocation Allocate() => FleetAllocator.Allocate(_request);
}
