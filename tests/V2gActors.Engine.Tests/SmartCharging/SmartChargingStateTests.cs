using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Ocpp.Messages.V21;
using static V2gActors.Engine.Tests.SmartCharging.Profiles;

namespace V2gActors.Engine.Tests.SmartCharging;

/// <summary>The entity's record of installed profiles, capability discovery, and the pull answered from memory.</summary>
public sealed class SmartChargingStateTests
{
    private static readonly SetChargingProfileRequest Dynamic = Set(1, Profile(71001, ChargingProfilePurposeEnumType.TxDefaultProfile, 1,
        ChargingProfileKindEnumType.Dynamic, periods: [Period(0, 11_000, -7_000, 1_000, OperationModeEnumType.CentralSetpoint)]));

    [Fact]
    public void Installed_updated_and_cleared_profiles_fold_into_the_state()
    {
        var state = ChargerState.Empty
            .Apply(new ChargingProfileInstalled(ChargingProfileBook.Record(Dynamic, T0)))
            .Apply(new ChargingProfileInstalled(ChargingProfileBook.Record(Set(0, Profile(5, ChargingProfilePurposeEnumType.ChargingStationMaxProfile)), T0)))
            .Apply(new DynamicScheduleUpdated(71001, T0.AddSeconds(5), ChargingProfileBook.Json(new ChargingScheduleUpdateType { Setpoint = -2_000 })));

        var installed = state.Profiles.Find(71001)!;
        Assert.Equal(("TxDefaultProfile", "Dynamic", "CentralSetpoint", 1), (installed.Purpose, installed.Kind, installed.OperationMode, installed.EvseId));
        Assert.Equal(-2_000m, ChargingProfileBook.ParseUpdate(installed)!.Setpoint);
        Assert.Equal([5], state.Profiles.Matching(new ClearChargingProfileRequest
        {
            ChargingProfileCriteria = new ClearChargingProfileType { ChargingProfilePurpose = ChargingProfilePurposeEnumType.ChargingStationMaxProfile },
        }).ToArray());

        state = state.Apply(new ChargingProfilesCleared([5], T0));
        Assert.Equal([71001], state.Profiles.Profiles.Keys.ToArray());
    }

    [Fact]
    public void A_tx_profile_is_dropped_when_its_transaction_ends()
    {
        var tx = Set(1, Profile(8, ChargingProfilePurposeEnumType.TxProfile, 0, transactionId: "tx-9"));
        var state = ChargerState.Empty.Apply(new ChargingProfileInstalled(ChargingProfileBook.Record(tx, T0)));
        TransactionEventRecorded Event(string type) => new("tx-9", 1, type, T0, "EVDeparted", 1, 1, null, null, null, []);

        Assert.NotNull(state.Apply(Event(TransactionEventTypes.Updated)).Profiles.Find(8));
        Assert.Null(state.Apply(Event(TransactionEventTypes.Ended)).Profiles.Find(8));
    }

    [Fact]
    public void Pull_is_answered_with_the_latest_update_or_the_installed_values()
    {
        var book = Book(Dynamic);
        var pull = new PullDynamicScheduleUpdateRequest { ChargingProfileId = 71001 };

        var fromProfile = Assert.IsType<PullDynamicScheduleUpdateResponse>(SmartChargingCalls.Pull(book, pull).Response);
        Assert.Equal((ChargingProfileStatusEnumType.Accepted, 1_000m, -7_000m),
            (fromProfile.Status, fromProfile.ScheduleUpdate!.Setpoint, fromProfile.ScheduleUpdate.DischargeLimit));

        book = book.Apply(new DynamicScheduleUpdated(71001, T0, ChargingProfileBook.Json(new ChargingScheduleUpdateType { Setpoint = 4_200 })));
        var fromUpdate = Assert.IsType<PullDynamicScheduleUpdateResponse>(SmartChargingCalls.Pull(book, pull).Response);
        Assert.Equal(4_200m, fromUpdate.ScheduleUpdate!.Setpoint);

        var unknown = Assert.IsType<PullDynamicScheduleUpdateResponse>(
            SmartChargingCalls.Pull(book, new PullDynamicScheduleUpdateRequest { ChargingProfileId = 1 }).Response);
        Assert.Equal(ChargingProfileStatusEnumType.Rejected, unknown.Status);
    }

    [Fact]
    public void Capabilities_come_from_the_v2x_controller_of_each_evse()
    {
        var capabilities = V2xCapabilities.From([
            .. V2xDeviceModel(1, "AC_three_phase,AC_BPT", "ChargingOnly,CentralSetpoint,LocalFrequency"),
            .. V2xDeviceModel(2, "DC_BPT", "CentralSetpoint", enabled: "false"),
            new DeviceVariable("EVSE", null, 3, null, "Power", null, "Actual", "22000", "ReadOnly"),
        ]);

        Assert.Null(capabilities.RefuseDischarge(1));
        Assert.Null(capabilities.RefuseMode(1, OperationModeEnumType.LocalFrequency));
        Assert.NotNull(capabilities.RefuseMode(1, OperationModeEnumType.ExternalSetpoint));
        Assert.NotNull(capabilities.RefuseDischarge(2)); // disabled
        Assert.NotNull(capabilities.RefuseDischarge(3)); // no V2X controller
        Assert.Null(capabilities.RefuseMode(3, OperationModeEnumType.ChargingOnly));
        Assert.Null(capabilities.RefuseDischarge(0)); // station-wide: some EVSE can
        Assert.False(V2xCapabilities.From([]).Known);
    }
}
