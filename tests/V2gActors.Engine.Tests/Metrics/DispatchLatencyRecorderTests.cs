using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Metrics;

namespace V2gActors.Engine.Tests.Metrics;

public sealed class DispatchLatencyRecorderTests : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    private static DispatchRecord Dispatch(string id, DateTimeOffset sentAt, params string[] stations) => new(
        id, 1_000, null, "frequency", T0, T0.AddMilliseconds(1), T0.AddMilliseconds(3), 1_000,
        [.. stations.Select(s => new SetpointFrameRecord("EV-" + s, s, 1, SetpointFrames.UpdateDynamicSchedule, 500, 1, sentAt))], 1);

    [Fact]
    public async Task Stamps_from_the_fleet_charger_and_socket_are_matched_per_station_whatever_their_order()
    {
        var recorder = Sys.ActorOf(DispatchLatencyRecorderActor.Props());
        await Task.Delay(100); // subscriptions are made in PreStart
        var sent = T0.AddMilliseconds(4);
        var update = SetpointFrames.UpdateDynamicSchedule;

        // CS-2's charger stamp arrives before the fleet's notice (different actors, no ordering between them).
        DispatchLatencyStamps.CommandForwarded(Sys, "CS-2", update, sent.AddMilliseconds(2));
        DispatchLatencyStamps.DispatchSent(Sys, Dispatch("d1", sent, "CS-1", "CS-2"));
        DispatchLatencyStamps.CommandForwarded(Sys, "CS-1", update, sent.AddMilliseconds(1));
        DispatchLatencyStamps.FrameWritten(Sys, "CS-1", update, sent.AddMilliseconds(2));
        DispatchLatencyStamps.FrameWritten(Sys, "CS-2", update, sent.AddMilliseconds(6));
        // Not a setpoint action, and a stamp from before the frame was sent: neither is matched.
        DispatchLatencyStamps.FrameWritten(Sys, "CS-3", "Reset", sent);
        DispatchLatencyStamps.DispatchSent(Sys, Dispatch("d2", sent.AddSeconds(1), "CS-3"));
        DispatchLatencyStamps.FrameWritten(Sys, "CS-3", update, sent);

        await AwaitAssertAsync(async () =>
        {
            var report = await recorder.Ask<DispatchLatencyReport>(GetDispatchLatency.Instance);
            var stages = report.Stages.ToDictionary(s => s.Stage);
            Assert.Equal(DispatchStages.All, report.Stages.Select(s => s.Stage));
            Assert.Equal(2, stages[DispatchStages.IngressToFleet].Count);
            Assert.Equal(1.0, stages[DispatchStages.IngressToFleet].MaxMs, 0.05);
            Assert.Equal(2.0, stages[DispatchStages.FleetAllocation].P50Ms, 0.05);
            Assert.Equal(2, stages[DispatchStages.FleetToCharger].Count);
            Assert.Equal(2.0, stages[DispatchStages.FleetToCharger].MaxMs, 0.05);
            Assert.Equal(2, stages[DispatchStages.ChargerToFrameWritten].Count);
            Assert.Equal(4.0, stages[DispatchStages.ChargerToFrameWritten].MaxMs, 0.05);
            Assert.Equal(2, stages[DispatchStages.IngressToFrameWritten].Count);
            Assert.Equal(10.0, stages[DispatchStages.IngressToFrameWritten].MaxMs, 0.05);
        });
    }
}
