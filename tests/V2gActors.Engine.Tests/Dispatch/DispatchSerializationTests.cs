using System.Collections.Immutable;
using System.Text;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Fleets.Layout;
using V2gActors.Engine.Stations;
using V2gActors.Engine.Serialization;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Tests.Support;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

/// <summary>Every fleet and session message, event and snapshot goes through <c>V2gSerializer</c> and back unchanged.</summary>
public sealed class DispatchSerializationTests() : TestKit(EngineTestConfig.InMemory)
{
    /// <summary>
    /// One instance of every "flt." and "ses." type. Public so that the engine-wide completeness test
    /// (Serialization/V2gSerializerTests.Samples) can include them.
    /// </summary>
    public static IEnumerable<IV2gSerializable> Serializable(Akka.Actor.IActorRef actor)
    {
        var t = DispatchSamples.Now;
        var bounds = Bounds("S-1") with { Departure = t.AddHours(3), EnergyRequestWh = 12_000 };
        var frame = new SetpointFrameRecord("S-1", "CS-1", 1, "SetChargingProfile", 3_000.5, 1, t, t.AddMilliseconds(7), true, "Accepted", null);
        var dispatch = new DispatchRecord("F1-1", 3_000, TimeSpan.FromMinutes(15), "grid:t1", t, t, t, 3_000, [frame], 1);
        var target = new ActiveFleetTarget("F1-1", 3_000, null, "test", t);
        yield return new FleetMemberJoined(bounds, t);
        yield return new FleetMemberLeft("S-1", t);
        yield return new FleetDispatchStarted(dispatch);
        yield return new FleetDispatchReallocated("F1-1", 2, t, 3_000, [frame with { Round = 2, Action = "UpdateDynamicSchedule" }]);
        yield return new FleetFrameAcknowledged("F1-1", 1, "S-1", "SetChargingProfile", 3_000.5, false, "CallError", "NotSupported", t);
        yield return new FleetFramesAcknowledged([
            new FleetFrameAcknowledged("F1-1", 1, "S-1", "SetChargingProfile", 3_000.5, true, "Accepted", null, t),
            new FleetFrameAcknowledged("F1-1", 2, "S-2", "UpdateDynamicSchedule", -2_000, false, "Rejected", "{\"status\":\"Rejected\"}", t),
        ]);
        yield return new FleetState(ImmutableDictionary<string, FleetMember>.Empty.Add("S-1", new FleetMember(bounds, 3_000.5, 3_000.5, true)),
            target, [dispatch], 1);
        yield return new JoinFleet("F1", bounds);
        yield return new FleetMemberConfirmed("F1", "S-1", 1);
        yield return new FleetMemberRefused("F1", "S-1", "bad bounds");
        yield return new LeaveFleet("F1", "S-1");
        yield return new DispatchFleetTarget("F1", -7_500, TimeSpan.FromMinutes(5), "frequency", t);
        yield return new FleetTargetDispatched("F1", "F1-1", 3_000, 3_000, 1);
        yield return new FleetTargetRefused("F1", "not finite");
        yield return new GetFleetState("F1");
        yield return new FleetStateView("F1", 3_000, 3_000, 3_000.5, 2_990, target,
            [new FleetMemberView(bounds, 3_000.5, 3_000.5, true, 2_990, t)], [dispatch], 4);
        yield return StopFleet.Instance;
        yield return new VehicleSessionBoundsRecorded(bounds);
        yield return new VehicleSessionSetpointHeld("F1-1", -2_000, t);
        yield return new RegisterVehicleSession(bounds);
        yield return new VehicleSessionRegistered("S-1", "F1", 1);
        yield return new VehicleSessionRejected("S-1", "moved");
        yield return new HoldSessionSetpoint("S-1", "F1-1", -2_000, t);
        yield return new GetVehicleSessionState("S-1");
        yield return new VehicleSessionView("S-1", bounds, -2_000, "F1-1", t, 2);
        yield return StopVehicleSession.Instance;
        // vehicle-session watch (ISO 15118-20 SECC sessions)
        yield return new WatchSessionSetpoint("S-1");
        yield return new UnwatchSessionSetpoint("S-1");
        yield return new SessionSetpointChanged("S-1", "F1-1", -2_000, t);
        yield return new SessionSetpointChanged("S-1", null, 0, t);
        yield return new EndVehicleSession("S-1", "SessionStop");
        // dispatch core loop: layout, meter relay, session end/schedule/snapshot, station-dispatch entity
        var node = new LayoutNode("row-a", "depot", "connection", 15_000, double.PositiveInfinity);
        var layout = FleetLayout.Empty with
        {
            Revision = 2, Nodes = [new LayoutNode("depot", null, "site", 50_000, 30_000), node], RampWPerSecond = 2_500,
            Stations = [new StationPlacement("CS-1", "row-a"), new StationPlacement("CS-9", null)],
        };
        yield return new ApplyFleetLayout("F1", layout);
        yield return new AssignChargerToFleet("F1", "CS-2", null);
        yield return new RemoveChargerFromFleet("F1", "CS-2");
        yield return new SetFleetLimit("F1", node);
        yield return new FleetLayoutUpdated("F1", 2, 1, 2, 9);
        yield return new FleetLayoutRefused("F1", "cycle");
        yield return new FleetLayoutApplied(layout, t);
        yield return new FleetChargerAssigned("CS-2", "row-a", t);
        yield return new FleetChargerRemoved("CS-2", t);
        yield return new FleetLimitSet(node, t);
        yield return new FleetMeterReading("F1", "CS-1", 1, -3_500.5, t);
        yield return new EndVehicleSession("S-1", "EVDisconnected");
        yield return new RecordEvChargingSchedule("S-1", t, """{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[]}""");
        yield return new EvChargingScheduleRecorded("S-1", 3);
        yield return new VehicleSessionEnded("EVDisconnected", t);
        yield return new VehicleSessionEvScheduleRecorded(t, """{"id":1}""", t);
        yield return new VehicleSessionState(bounds, -2_000, "F1-1", t) { EndedAt = t, EndReason = "EVDisconnected", EvScheduleJson = "{}" };
        yield return new AssignStation("CS-1", null, "F1");
        yield return new StationAssigned("CS-1", "F1");
        yield return new StationCallForwarded("CS-1", Ocpp.OcppVersion.V21, "m-1", "NotifyEVChargingNeeds", Encoding.UTF8.GetBytes("{}"), 1, "tx-1",
            actor);
        yield return new StationMeterReading("CS-1", 1, 7_000, t);
        yield return new StationTransactionEnded("CS-1", "tx-1", "EVDisconnected", t);
        yield return new GetStationDispatchState("CS-1");
        var stationSession = new StationSession(1, "CS-1:tx-1", "tx-1");
        yield return new StationDispatchView("CS-1", "F1", [stationSession], 4);
        yield return StopStationDispatch.Instance;
        yield return new StationFleetAssigned("F1", t);
        yield return new StationSessionOpened(stationSession, t);
        yield return new StationSessionClosed("CS-1:tx-1", "EVDisconnected", t);
    }

    [Fact]
    public void Every_fleet_and_session_type_has_a_sample_and_round_trips()
    {
        var dispatchTypes = V2gManifests.ByType.Where(p => p.Value.StartsWith("flt.", StringComparison.Ordinal) || p.Value.StartsWith("ses.", StringComparison.Ordinal)
                || p.Value.StartsWith("stn.", StringComparison.Ordinal))
            .Select(p => p.Key.Name).Order();
        Assert.Equal(dispatchTypes, Serializable(TestActor).Select(s => s.GetType().Name).Distinct().Order());

        foreach (var sample in Serializable(TestActor))
        {
            var serializer = Sys.Serialization.FindSerializerFor(sample);
            Assert.IsType<V2gSerializer>(serializer);
            var bytes = serializer.ToBinary(sample);
            var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, sample));
            Assert.IsType(sample.GetType(), back);
            Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
            Assert.DoesNotContain("V2gActors", Encoding.UTF8.GetString(bytes));
        }
    }
}
