using System.Collections.Immutable;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Ocpp.Messages.V21;
using static V2gActors.Engine.Tests.SmartCharging.Profiles;

namespace V2gActors.Engine.Tests.SmartCharging;

/// <summary>The composite schedule rules: stack levels, purpose precedence, station caps, min of limits, V2X discharge limits.</summary>
public sealed class CompositeScheduleTests
{
    private static readonly CompositeContext WithTx = new(ImmutableDictionary<string, DateTimeOffset>.Empty.Add("tx-1", T0), []);

    private static CompositeScheduleType Compute(int evseId, int duration, CompositeContext? context, params (int Evse, ChargingProfileType Profile)[] profiles) =>
        CompositeSchedule.Compute([.. profiles.Select(p => new ProfileInForce(p.Evse, p.Profile, T0))], evseId, T0, duration,
            ChargingRateUnitEnumType.W, context ?? WithTx);

    private static (int Start, decimal? Limit)[] Limits(CompositeScheduleType s) => [.. s.ChargingSchedulePeriod.Select(p => (p.StartPeriod, p.Limit))];

    [Fact]
    public void Highest_stack_level_wins_within_a_purpose_and_the_station_max_caps_it()
    {
        var schedule = Compute(1, 3600, null,
            (0, Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, periods: [Period(0, 16_000)])),
            (1, Profile(2, ChargingProfilePurposeEnumType.TxDefaultProfile, 3, duration: 1800, periods: [Period(0, 6_000)])),
            (0, Profile(3, ChargingProfilePurposeEnumType.ChargingStationMaxProfile, 0, periods: [Period(0, 11_000)])));

        // 0–1800 s: the stack-3 default (6 kW); afterwards the stack-0 default, capped by the station max at 11 kW.
        Assert.Equal([(0, 6_000m), (1800, 11_000m)], Limits(schedule));
    }

    [Fact]
    public void A_tx_profile_overrides_defaults_only_while_its_transaction_is_open()
    {
        (int, ChargingProfileType)[] profiles =
        [
            (1, Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile, 5, periods: [Period(0, 9_000)])),
            (1, Profile(2, ChargingProfilePurposeEnumType.TxProfile, 0, transactionId: "tx-1", periods: [Period(0, 4_000), Period(600, 7_000)])),
        ];

        Assert.Equal([(0, 4_000m), (600, 7_000m)], Limits(Compute(1, 1200, null, profiles)));
        Assert.Equal([(0, 9_000m)], Limits(Compute(1, 1200, CompositeContext.None, profiles)));
    }

    [Fact]
    public void External_constraints_and_local_generation_shape_the_station_cap()
    {
        var schedule = Compute(1, 3600, null,
            (1, Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, periods: [Period(0, 22_000)])),
            (0, Profile(2, ChargingProfilePurposeEnumType.ChargingStationMaxProfile, 0, periods: [Period(0, 10_000)])),
            (0, Profile(3, ChargingProfilePurposeEnumType.LocalGeneration, 0, duration: 1200, periods: [Period(0, 5_000)])),
            (0, Profile(4, ChargingProfilePurposeEnumType.ChargingStationExternalConstraints, 0, startSchedule: T0.AddSeconds(2400),
                periods: [Period(0, 8_000)])));

        // generation adds 5 kW to the 10 kW station max for 20 min; external constraints cut to 8 kW from 40 min.
        Assert.Equal([(0, 15_000m), (1200, 10_000m), (2400, 8_000m)], Limits(schedule));
    }

    [Fact]
    public void V2x_setpoints_are_clamped_into_the_combined_limits_and_the_dynamic_update_wins()
    {
        var tx = Profile(1, ChargingProfilePurposeEnumType.TxProfile, 0, ChargingProfileKindEnumType.Dynamic, "tx-1",
            periods: [Period(0, 11_000, -11_000, -9_000, OperationModeEnumType.CentralSetpoint)]);
        var max = Profile(2, ChargingProfilePurposeEnumType.ChargingStationMaxProfile, 0,
            periods: [Period(0, 7_000, -6_000)]);

        var period = Assert.Single(Compute(1, 600, null, (1, tx), (0, max)).ChargingSchedulePeriod);
        Assert.Equal((7_000m, -6_000m, -6_000m, OperationModeEnumType.CentralSetpoint),
            (period.Limit, period.DischargeLimit, period.Setpoint, period.OperationMode));

        var updated = CompositeSchedule.Compute(
            [new ProfileInForce(1, tx, T0, new ChargingScheduleUpdateType { Setpoint = 2_500 }), new ProfileInForce(0, max, T0)],
            1, T0, 600, ChargingRateUnitEnumType.W, WithTx);
        Assert.Equal(2_500m, Assert.Single(updated.ChargingSchedulePeriod).Setpoint);
    }

    [Fact]
    public void Priority_charging_replaces_the_tx_level_when_active()
    {
        (int, ChargingProfileType)[] profiles =
        [
            (1, Profile(1, ChargingProfilePurposeEnumType.TxProfile, 0, transactionId: "tx-1", periods: [Period(0, 3_000)])),
            (1, Profile(2, ChargingProfilePurposeEnumType.PriorityCharging, 0, periods: [Period(0, 20_000)])),
        ];
        Assert.Equal([(0, 3_000m)], Limits(Compute(1, 60, null, profiles)));
        Assert.Equal([(0, 20_000m)], Limits(Compute(1, 60, WithTx with { PriorityChargingActive = [1] }, profiles)));
    }

    [Fact]
    public void Recurring_daily_profiles_repeat_and_amperes_convert_at_nominal_voltage()
    {
        var daily = Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, ChargingProfileKindEnumType.Recurring,
            startSchedule: T0.AddDays(-3).AddHours(-1), periods: [Period(0, 32), Period(7200, 16)]) with { RecurrencyKind = RecurrencyKindEnumType.Daily };
        daily = daily with { ChargingSchedule = [daily.ChargingSchedule[0] with { ChargingRateUnit = ChargingRateUnitEnumType.A }] };

        var schedule = Compute(1, 24 * 3600, null, (1, daily));

        // the recurrence began an hour ago: 1 h more at 32 A, then 16 A until the next day's start 23 h from now.
        Assert.Equal([(0, 32 * 230 * 3m), (3600, 16 * 230 * 3m), (23 * 3600, 32 * 230 * 3m)], Limits(schedule));
    }

    [Fact]
    public void Evse_zero_gets_the_station_caps_only()
    {
        var schedule = Compute(0, 60, null,
            (1, Profile(1, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, periods: [Period(0, 3_000)])),
            (0, Profile(2, ChargingProfilePurposeEnumType.ChargingStationMaxProfile, 0, periods: [Period(0, 40_000)])));
        Assert.Equal([(0, 40_000m)], Limits(schedule));
    }
}
