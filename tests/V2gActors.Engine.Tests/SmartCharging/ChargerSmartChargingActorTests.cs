using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using static V2gActors.Engine.Tests.SmartCharging.Profiles;

namespace V2gActors.Engine.Tests.SmartCharging;

/// <summary>The entity's smart-charging hooks with a TestProbe standing in for the connection actor.</summary>
public sealed class ChargerSmartChargingActorTests() : TestKit(EngineTestConfig.InMemory)
{
    private static readonly ChargerSettings Settings = ChargerSettings.Default with
    {
        PullDeviceModelOnBoot = false, SetpointPacing = new SetpointPacing(10, MaxFramesPerSecond: 1000, Burst: 1000),
    };

    private static string Json(object payload) => Encoding.UTF8.GetString(OcppPayloadCodec.Encode(payload));

    private static string Update(decimal setpoint) => Json(new UpdateDynamicScheduleRequest
    {
        ChargingProfileId = 71001, ScheduleUpdate = new ChargingScheduleUpdateType { Setpoint = setpoint, Limit = 11_000, DischargeLimit = -7_000 },
    });

    [Fact]
    public void Accepted_profiles_are_recorded_and_waiting_updates_are_superseded_or_dropped_when_the_station_goes_offline()
    {
        var charger = Sys.ActorOf(ChargerActor.Props("CS-SC", Settings));
        var connection = CreateTestProbe();
        charger.Tell(new ChargerConnected("CS-SC", "conn-1", OcppVersion.V21, connection.Ref));

        charger.Tell(new SendChargerCommand("CS-SC", "SetChargingProfile", Json(Set(1, Profile(71001, ChargingProfilePurposeEnumType.TxDefaultProfile, 1,
            ChargingProfileKindEnumType.Dynamic, periods: [Period(0, 11_000, -7_000, 0, OperationModeEnumType.CentralSetpoint)])))), TestActor);
        var install = connection.ExpectMsg<SendCallToCharger>();
        install.ReplyTo.Tell(new ChargerCommandCompleted("CS-SC", install.Action, CommandOutcome.Completed, """{"status":"Accepted"}"""));
        Assert.True(ExpectMsg<ChargerCommandCompleted>().Succeeded);
        charger.Tell(new GetInstalledChargingProfiles("CS-SC"), TestActor);
        Assert.Equal(71001, Assert.Single(ExpectMsg<InstalledChargingProfilesView>().Profiles).ProfileId);

        var (first, second, third) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        charger.Tell(new SendChargerCommand("CS-SC", "UpdateDynamicSchedule", Update(1_000)), first.Ref);
        var inFlight = connection.ExpectMsg<SendCallToCharger>();
        charger.Tell(new SendChargerCommand("CS-SC", "UpdateDynamicSchedule", Update(2_000)), second.Ref);
        charger.Tell(new SendChargerCommand("CS-SC", "UpdateDynamicSchedule", Update(3_000)), third.Ref);

        Assert.Equal(CommandOutcome.Superseded, second.ExpectMsg<ChargerCommandCompleted>().Outcome);
        connection.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // one in flight per EVSE

        charger.Tell(new ChargerDisconnected("CS-SC", "conn-1"));
        Assert.Equal(CommandOutcome.Offline, third.ExpectMsg<ChargerCommandCompleted>().Outcome);

        inFlight.ReplyTo.Tell(new ChargerCommandCompleted("CS-SC", inFlight.Action, CommandOutcome.Completed, """{"status":"Accepted"}"""));
        Assert.True(first.ExpectMsg<ChargerCommandCompleted>().Succeeded);
        charger.Tell(new GetInstalledChargingProfiles("CS-SC"), TestActor);
        Assert.Contains("1000", Assert.Single(ExpectMsg<InstalledChargingProfilesView>().Profiles).DynamicUpdateJson);
    }

    [Fact]
    public void A_profile_breaking_a_rule_is_refused_with_a_reason_and_never_reaches_the_connection()
    {
        var charger = Sys.ActorOf(ChargerActor.Props("CS-SC2", Settings));
        var connection = CreateTestProbe();
        charger.Tell(new ChargerConnected("CS-SC2", "conn-1", OcppVersion.V21, connection.Ref));

        charger.Tell(new SendChargerCommand("CS-SC2", "SetChargingProfile", Json(Set(1, Profile(5, ChargingProfilePurposeEnumType.TxDefaultProfile,
            periods: [Period(0, 11_000, -7_000, 20_000, OperationModeEnumType.CentralSetpoint)])))), TestActor);

        var refused = ExpectMsg<ChargerCommandCompleted>();
        Assert.Equal(CommandOutcome.Invalid, refused.Outcome);
        Assert.Contains("setpoint 20000 lies outside", refused.ErrorDescription);
        connection.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
