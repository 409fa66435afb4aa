using Akka.Actor;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Iso15118.Secc;
using V2gActors.Simulators.Chargers;
using V2gActors.Simulators.Vehicles;
using V2gActors.TestSupport;
using Xunit.Abstractions;

namespace V2gActors.Integration.Tests.Iso15118;

/// <summary>
/// Issue 6's acceptance, end to end on one real node: an EV (EVCC simulator) finds the node's SECC by SDP, runs a
/// DC BPT Dynamic session over TCP + TLS 1.3, its bounds register a vehicle session with the fleet, the fleet is told
/// to discharge (<see cref="DispatchFleetTarget"/> → allocation → HoldSessionSetpoint → pushed to the SECC session),
/// and the next charge-loop response carries the discharge setpoint. SessionStop takes the session out of the fleet.
/// </summary>
public sealed class SeccFleetDispatchTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_fleet_turns_a_dc_bpt_dynamic_session_to_discharge_and_the_next_charge_loop_carries_it()
    {
        const string fleetId = "FLEET-SECC", stationId = "SECC-CS-1";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var node = await SeccNode.StartAsync(fleetId, stationId);
        var secc = await node.SeccAsync();

        // The charger that hosts the EVSE is online over OCPP too, so the fleet's SetChargingProfile is acknowledged.
        await using var charger = new SimulatedCharger(stationId, node.SimulatorOptions() with { PlugInAfter = null });
        charger.Start();
        await Eventually.HoldsAsync(async () => (await node.StateAsync(stationId)).Registration == RegistrationStatus.Accepted, Within);

        var discharging = 0;
        var loopsAnswered = 0;
        var run = EvccSimulator.RunAsync(SeccNode.Ev(secc) with
        {
            StopWhen = o => o.TargetPowerW < 0 && ++discharging >= 20,
            OnChargeLoop = _ => Interlocked.Increment(ref loopsAnswered),
        }, timeout.Token);

        // The EV's charge parameters make it a member of the fleet, with the EV's own limits.
        await Eventually.HoldsAsync(async () => (await node.FleetAsync(fleetId)).Members is [{ Bounds.MaxDischargeW: 11_000 }], Within,
            () => $"fleet members: {node.FleetAsync(fleetId).Result.Members.Length}");
        var live = Assert.Single(secc.Sessions);
        // The session's watch is in place once the entity pushed what it holds (nothing yet: 0 W).
        await Eventually.HoldsAsync(() => live.LastSetpoint.AppliedAt != 0, Within);
        // Dispatch only once the charge loop runs, so "the next response" is one that follows earlier ones.
        await Eventually.HoldsAsync(() => Volatile.Read(ref loopsAnswered) >= 3, Within);
        var beforeDispatch = System.Diagnostics.Stopwatch.GetTimestamp();

        var dispatched = await (await node.FleetsAsync()).Ask<FleetTargetDispatched>(
            new DispatchFleetTarget(fleetId, -5_000, Source: "acceptance-test"), Within);
        Assert.Equal(1, dispatched.Frames);
        await Eventually.HoldsAsync(() => live.LastSetpoint.SetpointW == -5_000, Within);
        var applied = live.LastSetpoint;
        Assert.Equal(dispatched.DispatchId, applied.DispatchId);

        var result = await run.WaitAsync(timeout.Token);
        Assert.True(result.Completed, result.Failure);
        Assert.Contains("SessionStop: OK", result.Exchanges);

        var loops = result.ChargeLoops;
        Assert.All(loops.Where(o => o.ReceivedTimestamp < beforeDispatch), o => Assert.Equal(0, o.TargetPowerW));
        var afterApplied = loops.Where(o => o.SentTimestamp > applied.AppliedAt).ToList();
        Assert.NotEmpty(afterApplied);
        Assert.All(afterApplied, o => Assert.Equal(-5_000, o.TargetPowerW));
        // "The next" response: the first request sent after the setpoint reached the SECC session carries it.
        var lastBefore = loops.Last(o => o.SentTimestamp <= applied.AppliedAt).Index;
        Assert.Equal(lastBefore + 1, afterApplied[0].Index);

        // SessionStop: the SECC session ends, and the vehicle session leaves the fleet.
        await Eventually.HoldsAsync(() => live.End is { Reason: SeccEndReason.Terminated }, Within);
        await Eventually.HoldsAsync(async () => (await node.FleetAsync(fleetId)).Members.IsEmpty, Within);
        // The charger got the fleet's frame too.
        Assert.Contains(charger.SetpointsReceived, s => s.SetpointW == -5_000);

        var line = $"15118-20 acceptance: fleet target -5 kW → charge loop {afterApplied[0].Index} (first request after the push) " +
                   $"carried {afterApplied[0].TargetPowerW:0} W; {loops.Count} loops, session left the fleet after SessionStop";
        output.WriteLine(line);
        TestReport.Line(line);
    }
}
