using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Ocpp.Messages.V21;
using static V2gActors.Engine.Tests.SmartCharging.Profiles;

namespace V2gActors.Engine.Tests.SmartCharging;

/// <summary>The semantic checks the schemas miss: each refused profile comes with a reason naming the broken rule.</summary>
public sealed class ChargingProfileRulesTests
{
    private static readonly V2xCapabilities Bidirectional = V2xCapabilities.From(
        V2xDeviceModel(1, "AC_three_phase,AC_BPT", "ChargingOnly,CentralSetpoint,LocalFrequency,Idle"));

    private static string? Check(SetChargingProfileRequest request, V2xCapabilities? capabilities = null, ChargingProfileBook? book = null) =>
        ChargingProfileRules.Check(request, book ?? ChargingProfileBook.Empty, capabilities ?? Bidirectional);

    private static SetChargingProfileRequest Tx(params ChargingSchedulePeriodType[] periods) =>
        Set(1, Profile(7, ChargingProfilePurposeEnumType.TxProfile, 1, ChargingProfileKindEnumType.Dynamic, "tx-1", periods: periods));

    [Fact]
    public void A_consistent_v2x_profile_passes()
    {
        Assert.Null(Check(Tx(Period(limit: 11_000, dischargeLimit: -7_000, setpoint: -3_000, mode: OperationModeEnumType.CentralSetpoint))));
    }

    [Theory]
    [InlineData(11_000.0, -7_000.0, 12_000.0, "outside")]
    [InlineData(11_000.0, -7_000.0, -8_000.0, "outside")]
    [InlineData(11_000.0, 500.0, 100.0, "dischargeLimit must be 0 or negative")]
    [InlineData(-1.0, null, null, "limit must not be negative")]
    public void Setpoints_and_limits_must_be_consistent(double limit, double? dischargeLimit, double? setpoint, string reason)
    {
        var refusal = Check(Tx(Period(limit: (decimal)limit, dischargeLimit: (decimal?)dischargeLimit, setpoint: (decimal?)setpoint,
            mode: OperationModeEnumType.CentralSetpoint)));
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void Each_mode_needs_its_fields()
    {
        Assert.Contains("needs a setpoint", Check(Tx(Period(mode: OperationModeEnumType.CentralSetpoint))));
        Assert.Contains("v2xFreqWattCurve", Check(Tx(Period(mode: OperationModeEnumType.LocalFrequency))));
        Assert.Contains("ChargingOnly cannot discharge", Check(Tx(Period(dischargeLimit: -1, mode: OperationModeEnumType.ChargingOnly))));
        Assert.Contains("needs an operationMode", Check(Tx(Period(setpoint: 1_000))));
        Assert.Contains("needs a limit", Check(Tx(Period(limit: null))));
    }

    [Fact]
    public void Curve_points_must_be_ordered()
    {
        var curve = new[]
        {
            new V2XFreqWattPointType { Frequency = 50.2m, Power = -5_000 }, new V2XFreqWattPointType { Frequency = 49.8m, Power = 5_000 },
        };
        var period = Period(mode: OperationModeEnumType.LocalFrequency) with { V2xFreqWattCurve = curve };
        Assert.Contains("frequencies must strictly increase", Check(Tx(period)));
        Assert.Null(Check(Tx(period with { V2xFreqWattCurve = [curve[1], curve[0]] })));
    }

    [Fact]
    public void Stack_levels_are_unique_per_evse_and_purpose()
    {
        var installed = Book(Set(1, Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile, stackLevel: 2)));

        Assert.Contains("stack level 2 is already used by profile 1",
            Check(Set(1, Profile(2, ChargingProfilePurposeEnumType.TxDefaultProfile, stackLevel: 2)), book: installed));
        Assert.Null(Check(Set(1, Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile, stackLevel: 2)), book: installed)); // same id replaces
        Assert.Null(Check(Set(2, Profile(2, ChargingProfilePurposeEnumType.TxDefaultProfile, stackLevel: 2)), book: installed)); // other EVSE
    }

    [Fact]
    public void Purpose_rules_are_enforced()
    {
        Assert.Contains("evseId must be 0", Check(Set(1, Profile(1, ChargingProfilePurposeEnumType.ChargingStationMaxProfile))));
        Assert.Contains("transactionId", Check(Set(1, Profile(1, ChargingProfilePurposeEnumType.TxProfile))));
        Assert.Contains("startPeriod values must increase", Check(Set(0, Profile(1, ChargingProfilePurposeEnumType.ChargingStationMaxProfile,
            periods: [Period(0), Period(0)]))));
        Assert.Contains("must start at 0", Check(Set(0, Profile(1, ChargingProfilePurposeEnumType.ChargingStationMaxProfile, periods: [Period(60)]))));
        Assert.Null(Check(Set(0, Profile(1, ChargingProfilePurposeEnumType.ChargingStationExternalConstraints))));
        Assert.Null(Check(Set(0, Profile(2, ChargingProfilePurposeEnumType.LocalGeneration))));
        Assert.Null(Check(Set(1, Profile(3, ChargingProfilePurposeEnumType.PriorityCharging))));
    }

    [Fact]
    public void Dynamic_fields_are_checked()
    {
        var profile = Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile);
        Assert.Contains("Dynamic profile only", Check(Set(1, profile with { DynUpdateInterval = 60 })));
        Assert.Contains("needs maxOfflineDuration", Check(Set(1, profile with
        {
            ChargingProfileKind = ChargingProfileKindEnumType.Dynamic, InvalidAfterOfflineDuration = true,
        })));
        Assert.Null(Check(Set(1, profile with
        {
            ChargingProfileKind = ChargingProfileKindEnumType.Dynamic, DynUpdateInterval = 60, MaxOfflineDuration = 300, InvalidAfterOfflineDuration = true,
        })));
    }

    [Fact]
    public void Capabilities_refuse_what_the_evse_cannot_do()
    {
        var chargeOnly = V2xCapabilities.From(V2xDeviceModel(1, "AC_three_phase", "ChargingOnly,CentralSetpoint,Idle"));
        var discharge = Tx(Period(limit: 11_000, dischargeLimit: -7_000, setpoint: -3_000, mode: OperationModeEnumType.CentralSetpoint));

        Assert.Contains("not bidirectional", Check(discharge, chargeOnly));
        Assert.Null(Check(Tx(Period(limit: 11_000, setpoint: 3_000, mode: OperationModeEnumType.CentralSetpoint)), chargeOnly));
        Assert.Contains("does not list operationMode ExternalSetpoint",
            Check(Tx(Period(mode: OperationModeEnumType.ExternalSetpoint)), chargeOnly));
        Assert.Contains("no V2XChargingCtrlr", Check(Set(2, Profile(8, ChargingProfilePurposeEnumType.TxDefaultProfile,
            periods: [Period(setpoint: 0, mode: OperationModeEnumType.CentralSetpoint)])), chargeOnly));
        Assert.Null(Check(discharge, V2xCapabilities.Unknown)); // no report yet: not judged
    }

    [Fact]
    public void Dynamic_updates_need_an_installed_dynamic_profile_and_consistent_values()
    {
        var dynamic = Tx(Period(limit: 11_000, dischargeLimit: -7_000, setpoint: 0, mode: OperationModeEnumType.CentralSetpoint));
        var book = Book(dynamic, Set(1, Profile(9, ChargingProfilePurposeEnumType.TxDefaultProfile)));
        string? Update(int id, decimal? setpoint, decimal? limit = null, decimal? dischargeLimit = null) => ChargingProfileRules.Check(
            new UpdateDynamicScheduleRequest
            {
                ChargingProfileId = id,
                ScheduleUpdate = new ChargingScheduleUpdateType { Setpoint = setpoint, Limit = limit, DischargeLimit = dischargeLimit },
            }, book, V2xCapabilities.From(V2xDeviceModel(1, "AC_three_phase", "CentralSetpoint")));

        Assert.Null(Update(7, 5_000, 11_000, 0));
        Assert.Contains("not installed", Update(70, 5_000));
        Assert.Contains("not Dynamic", Update(9, 5_000));
        Assert.Contains("outside", Update(7, 12_000, 11_000));
        Assert.Contains("not bidirectional", Update(7, -1_000, 11_000, -5_000));
    }
}
