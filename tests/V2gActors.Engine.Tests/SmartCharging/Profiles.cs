using System.Collections.Immutable;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Tests.SmartCharging;

/// <summary>Builders for the smart-charging tests: profiles, periods and device models in a line each.</summary>
internal static class Profiles
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static ChargingSchedulePeriodType Period(int start = 0, decimal? limit = 11_000, decimal? dischargeLimit = null,
        decimal? setpoint = null, OperationModeEnumType? mode = null) =>
        new() { StartPeriod = start, Limit = limit, DischargeLimit = dischargeLimit, Setpoint = setpoint, OperationMode = mode };

    public static ChargingProfileType Profile(int id, ChargingProfilePurposeEnumType purpose, int stackLevel = 0,
        ChargingProfileKindEnumType kind = ChargingProfileKindEnumType.Absolute, string? transactionId = null,
        DateTimeOffset? startSchedule = null, int? duration = null, params ChargingSchedulePeriodType[] periods) => new()
    {
        Id = id,
        StackLevel = stackLevel,
        ChargingProfilePurpose = purpose,
        ChargingProfileKind = kind,
        TransactionId = transactionId,
        ChargingSchedule =
        [
            new ChargingScheduleType
            {
                Id = id, ChargingRateUnit = ChargingRateUnitEnumType.W, StartSchedule = startSchedule ?? T0, Duration = duration,
                ChargingSchedulePeriod = periods.Length == 0 ? [Period()] : periods,
            },
        ],
    };

    public static SetChargingProfileRequest Set(int evseId, ChargingProfileType profile) => new() { EvseId = evseId, ChargingProfile = profile };

    public static ChargingProfileBook Book(params SetChargingProfileRequest[] installed) => installed.Aggregate(ChargingProfileBook.Empty,
        (book, r) => book.Apply(new ChargingProfileInstalled(ChargingProfileBook.Record(r, T0))));

    public static ImmutableArray<DeviceVariable> V2xDeviceModel(int evseId, string transferModes, string operationModes, string enabled = "true") =>
    [
        new("V2XChargingCtrlr", null, evseId, null, "Enabled", null, "Actual", enabled, "ReadWrite"),
        new("V2XChargingCtrlr", null, evseId, null, "SupportedEnergyTransferModes", null, "Actual", transferModes, "ReadOnly"),
        new("V2XChargingCtrlr", null, evseId, null, "SupportedOperationModes", null, "Actual", operationModes, "ReadOnly"),
    ];
}
