using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Fleets.Layout;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Stations;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Tests.Dispatch;

/// <summary>
/// The station-dispatch entity against probes for the session and fleet regions and the charger's connection: EV needs
/// become a session registration answered to the charger only once the session has it, meter values reach the fleet,
/// and a transaction's end ends its session.
/// </summary>
public sealed class StationDispatchActorTests : TestKit
{
    private readonly TestProbe _sessions;
    private readonly TestProbe _fleets;
    private readonly TestProbe _connection;

    public StationDispatchActorTests() : base(DispatchTestConfig.Config)
    {
        _sessions = CreateTestProbe("sessions");
        _fleets = CreateTestProbe("fleets");
        _connection = CreateTestProbe("connection");
    }

    private IActorRef Start(string stationId) => Sys.ActorOf(StationDispatchActor.Props(stationId, _sessions, _fleets));

    private StationCallForwarded Needs(string stationId, string messageId, OcppVersion version = OcppVersion.V21, string? tx = "tx-1") =>
        new(stationId, version, messageId, "NotifyEVChargingNeeds", OcppPayloadCodec.Encode(new NotifyEVChargingNeedsRequest
        {
            EvseId = 1,
            ChargingNeeds = new ChargingNeedsType
            {
                RequestedEnergyTransfer = EnergyTransferModeEnumType.DC_BPT,
                DcChargingParameters = new DCChargingParametersType { EvMaxCurrent = 30, EvMaxVoltage = 500, StateOfCharge = 55 },
                V2xChargingParameters = new V2XChargingParametersType { MaxChargePower = 11_000, MaxDischargePower = 7_000, TargetSoC = 80 },
            },
        }), 1, tx, _connection);

    private T Answer<T>(string messageId)
    {
        var result = _connection.ExpectMsg<SendCallResult>(r => r.MessageId == messageId);
        return OcppPayloadCodec.Decode<T>(result.Payload);
    }

    [Fact]
    public void A_station_in_no_fleet_answers_needs_with_no_charging_profile()
    {
        var station = Start("CS-FREE");
        station.Tell(Needs("CS-FREE", "m1"));
        Assert.Equal(NotifyEVChargingNeedsStatusEnumType.NoChargingProfile, Answer<NotifyEVChargingNeedsResponse>("m1").Status);
        station.Tell(Needs("CS-FREE", "m2", OcppVersion.V201));
        Assert.Equal(NotifyEVChargingNeedsStatusEnumType.Rejected, Answer<NotifyEVChargingNeedsResponse>("m2").Status);
        _sessions.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Needs_open_a_session_in_the_fleet_meter_values_reach_the_fleet_and_the_transaction_end_closes_it()
    {
        var station = Start("CS-1");
        station.Tell(new AssignStation("CS-1", "F1"));
        ExpectMsg<StationAssigned>(a => a.FleetId == "F1");

        station.Tell(Needs("CS-1", "m1"));
        var register = _sessions.ExpectMsg<RegisterVehicleSession>();
        Assert.Equal(("CS-1:tx-1", "F1", "CS-1", 1, "tx-1"), (register.SessionId, register.Bounds.FleetId, register.Bounds.StationId,
            register.Bounds.EvseId, register.Bounds.TransactionId));
        Assert.Equal((11_000.0, 7_000.0, 55.0, 80.0), (register.Bounds.MaxChargeW, register.Bounds.MaxDischargeW, register.Bounds.SocPercent,
            register.Bounds.TargetSocPercent));
        _connection.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // not before the session has it
        _sessions.Reply(new VehicleSessionRegistered("CS-1:tx-1", "F1", 1));
        Assert.Equal(NotifyEVChargingNeedsStatusEnumType.Accepted, Answer<NotifyEVChargingNeedsResponse>("m1").Status);

        station.Tell(new StationMeterReading("CS-1", 1, 4_200, DispatchSamples.Now));
        Assert.Equal(("F1", "CS-1", 1, 4_200.0), _fleets.ExpectMsg<FleetMeterReading>() is var m ? (m.FleetId, m.StationId, m.EvseId, m.PowerW) : default);

        station.Tell(new GetStationDispatchState("CS-1"));
        Assert.Equal("CS-1:tx-1", Assert.Single(ExpectMsg<StationDispatchView>().Sessions).SessionId);

        station.Tell(new StationTransactionEnded("CS-1", "tx-1", "EVDisconnected", DispatchSamples.Now));
        Assert.Equal(("CS-1:tx-1", "EVDisconnected"), _sessions.ExpectMsg<EndVehicleSession>() is var e ? (e.SessionId, e.Reason) : default);
        AwaitAssert(() =>
        {
            station.Tell(new GetStationDispatchState("CS-1"));
            Assert.Empty(ExpectMsg<StationDispatchView>().Sessions);
        });
    }

    [Fact]
    public void A_refused_session_is_answered_rejected_and_an_ev_schedule_without_session_too()
    {
        var station = Start("CS-2");
        station.Tell(new AssignStation("CS-2", "F1"));
        ExpectMsg<StationAssigned>();
        station.Tell(Needs("CS-2", "m1"));
        _sessions.ExpectMsg<RegisterVehicleSession>();
        _sessions.Reply(new VehicleSessionRejected("CS-2:tx-1", "bounds make no sense"));
        var refused = Answer<NotifyEVChargingNeedsResponse>("m1");
        Assert.Equal(NotifyEVChargingNeedsStatusEnumType.Rejected, refused.Status);
        Assert.Contains("bounds make no sense", refused.StatusInfo!.AdditionalInfo);

        var schedule = OcppPayloadCodec.Encode(new NotifyEVChargingScheduleRequest
        {
            EvseId = 1, TimeBase = DispatchSamples.Now,
            ChargingSchedule = new ChargingScheduleType
            {
                Id = 1, ChargingRateUnit = ChargingRateUnitEnumType.W,
                ChargingSchedulePeriod = [new ChargingSchedulePeriodType { StartPeriod = 0, Limit = 7_000 }],
            },
        });
        station.Tell(new StationCallForwarded("CS-2", OcppVersion.V21, "m2", "NotifyEVChargingSchedule", schedule, 1, "tx-1", _connection));
        Assert.Equal(GenericStatusEnumType.Rejected, Answer<NotifyEVChargingScheduleResponse>("m2").Status);
    }

    [Fact]
    public void Leaving_the_fleet_ends_the_open_sessions_and_a_late_removal_cannot_undo_a_newer_assignment()
    {
        var station = Start("CS-3");
        station.Tell(new AssignStation("CS-3", "F1"));
        ExpectMsg<StationAssigned>();
        station.Tell(Needs("CS-3", "m1"));
        _sessions.ExpectMsg<RegisterVehicleSession>();
        _sessions.Reply(new VehicleSessionRegistered("CS-3:tx-1", "F1", 1));
        Answer<NotifyEVChargingNeedsResponse>("m1");

        station.Tell(new AssignStation("CS-3", "F2"));
        ExpectMsg<StationAssigned>(a => a.FleetId == "F2");
        Assert.Equal("CS-3:tx-1", _sessions.ExpectMsg<EndVehicleSession>().SessionId);
        station.Tell(new AssignStation("CS-3", null, FromFleetId: "F1")); // late: F1 no longer owns it
        ExpectMsg<StationAssigned>(a => a.FleetId == "F2");

        Watch(station);
        station.Tell(StopStationDispatch.Instance);
        ExpectTerminated(station);
        var restarted = Start("CS-3");
        restarted.Tell(new GetStationDispatchState("CS-3"));
        var view = ExpectMsg<StationDispatchView>();
        Assert.Equal(("F2", 0), (view.FleetId, view.Sessions.Length));
    }
}
