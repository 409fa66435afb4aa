using System.Text;
using V2gActors.Engine.Fleets;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class SetpointFramesTests
{
    [Fact]
    public void First_frame_installs_a_dynamic_central_setpoint_tx_profile_within_the_session_bounds()
    {
        var (action, json) = SetpointFrames.For(Bounds("S1", evse: 2), -4_321.06, -7_000, 11_000, profileInstalled: false, Now);

        Assert.Equal("SetChargingProfile", action);
        Assert.Null(OcppPayloadCodec.ValidateOutgoing(OcppVersion.V21, action, OcppPayloadKind.Request, Encoding.UTF8.GetBytes(json)));
        var request = OcppPayloadCodec.Decode<SetChargingProfileRequest>(Encoding.UTF8.GetBytes(json));
        Assert.Equal(2, request.EvseId);
        var profile = request.ChargingProfile;
        Assert.Equal((ChargingProfilePurposeEnumType.TxProfile, ChargingProfileKindEnumType.Dynamic, "tx-1"),
            (profile.ChargingProfilePurpose, profile.ChargingProfileKind, profile.TransactionId));
        Assert.Equal(SetpointFrames.ProfileIdFor(2), profile.Id);
        var period = Assert.Single(Assert.Single(profile.ChargingSchedule).ChargingSchedulePeriod);
        Assert.Equal(OperationModeEnumType.CentralSetpoint, period.OperationMode);
        Assert.Equal((-4_321.1m, 11_000m, -7_000m), (period.Setpoint, period.Limit, period.DischargeLimit));
    }

    [Fact]
    public void Without_a_transaction_the_evse_default_profile_carries_the_setpoint()
    {
        var (_, json) = SetpointFrames.For(Bounds("S1", transactionId: null), 1_000, 0, 11_000, profileInstalled: false, Now);
        var profile = OcppPayloadCodec.Decode<SetChargingProfileRequest>(Encoding.UTF8.GetBytes(json)).ChargingProfile;
        Assert.Equal(ChargingProfilePurposeEnumType.TxDefaultProfile, profile.ChargingProfilePurpose);
        Assert.Null(profile.TransactionId);
        Assert.Null(OcppPayloadCodec.ValidateOutgoing(OcppVersion.V21, "SetChargingProfile", OcppPayloadKind.Request, Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Once_installed_only_the_setpoint_moves_with_update_dynamic_schedule()
    {
        var (action, json) = SetpointFrames.For(Bounds("S1", evse: 1), 2_500, -11_000, 11_000, profileInstalled: true, Now);
        Assert.Equal("UpdateDynamicSchedule", action);
        Assert.Null(OcppPayloadCodec.ValidateOutgoing(OcppVersion.V21, action, OcppPayloadKind.Request, Encoding.UTF8.GetBytes(json)));
        var update = OcppPayloadCodec.Decode<UpdateDynamicScheduleRequest>(Encoding.UTF8.GetBytes(json));
        Assert.Equal(SetpointFrames.ProfileIdFor(1), update.ChargingProfileId);
        Assert.Equal((2_500m, 11_000m, -11_000m), (update.ScheduleUpdate.Setpoint, update.ScheduleUpdate.Limit, update.ScheduleUpdate.DischargeLimit));
    }

    [Theory]
    [InlineData("SetChargingProfile", """{"status":"Accepted"}""", true)]
    [InlineData("SetChargingProfile", """{"status":"Rejected"}""", false)]
    [InlineData("UpdateDynamicSchedule", """{"status":"Accepted"}""", true)]
    [InlineData("UpdateDynamicSchedule", "not json", false)]
    [InlineData("UpdateDynamicSchedule", null, false)]
    public void Acceptance_is_read_from_the_callresult(string action, string? result, bool accepted) =>
        Assert.Equal(accepted, SetpointFrames.IsAccepted(action, result));
}
