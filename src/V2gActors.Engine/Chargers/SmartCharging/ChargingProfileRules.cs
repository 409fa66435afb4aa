using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>
/// The checks on a profile that the JSON schemas cannot express (OCPP 2.1 K01, Q): period order, limits and setpoints
/// consistent with each other, the fields each operation mode needs, ordered V2X curves, unique stack levels per
/// EVSE/purpose, and what the station reported it can do. Pure: each method returns null when the frame may be sent,
/// else the reason it is refused (the CSMS never sends it).
/// </summary>
public static class ChargingProfileRules
{
    public static string? Check(SetChargingProfileRequest request, ChargingProfileBook installed, V2xCapabilities capabilities)
    {
        var profile = request.ChargingProfile;
        var evseId = request.EvseId;
        if (profile.ChargingProfilePurpose == ChargingProfilePurposeEnumType.ChargingStationMaxProfile && evseId != 0)
            return "a ChargingStationMaxProfile applies to the whole station: evseId must be 0";
        if (profile.ChargingProfilePurpose is ChargingProfilePurposeEnumType.TxProfile)
        {
            if (evseId <= 0) return "a TxProfile must name the EVSE of its transaction (evseId > 0)";
            if (string.IsNullOrEmpty(profile.TransactionId)) return "a TxProfile must carry the transactionId it applies to";
        }
        else if (profile.TransactionId is not null)
            return $"transactionId is only allowed in a TxProfile, not in a {profile.ChargingProfilePurpose}";
        if (profile.ChargingProfileKind == ChargingProfileKindEnumType.Recurring && profile.RecurrencyKind is null)
            return "a Recurring profile needs recurrencyKind";
        if (profile.ChargingProfileKind != ChargingProfileKindEnumType.Dynamic &&
            (profile.DynUpdateInterval is not null || profile.DynUpdateTime is not null))
            return "dynUpdateInterval/dynUpdateTime belong to a Dynamic profile only";
        if (profile.DynUpdateInterval is <= 0) return "dynUpdateInterval must be positive";
        if (profile.MaxOfflineDuration is <= 0) return "maxOfflineDuration must be positive";
        if (profile.InvalidAfterOfflineDuration == true && profile.MaxOfflineDuration is null)
            return "invalidAfterOfflineDuration needs maxOfflineDuration";
        if (profile.ValidFrom is { } from && profile.ValidTo is { } to && to <= from) return "validTo must be after validFrom";

        var clash = installed.Profiles.Values.FirstOrDefault(p => p.ProfileId != profile.Id && p.EvseId == evseId &&
            p.StackLevel == profile.StackLevel && p.Purpose == OcppText.Of(profile.ChargingProfilePurpose) &&
            p.TransactionId == profile.TransactionId);
        if (clash is not null)
            return $"stack level {profile.StackLevel} is already used by profile {clash.ProfileId} ({clash.Purpose}) on EVSE {evseId}";

        foreach (var schedule in profile.ChargingSchedule)
        {
            if (schedule.ChargingSchedulePeriod.Count == 0) return $"schedule {schedule.Id} has no period";
            if (schedule.ChargingSchedulePeriod[0].StartPeriod != 0) return $"schedule {schedule.Id}: the first period must start at 0";
            for (var i = 1; i < schedule.ChargingSchedulePeriod.Count; i++)
                if (schedule.ChargingSchedulePeriod[i].StartPeriod <= schedule.ChargingSchedulePeriod[i - 1].StartPeriod)
                    return $"schedule {schedule.Id}: startPeriod values must increase";
            foreach (var period in schedule.ChargingSchedulePeriod)
                if (CheckPeriod(period, evseId, capabilities) is { } reason)
                    return $"schedule {schedule.Id}, period at {period.StartPeriod} s: {reason}";
        }
        return null;
    }

    /// <summary>An UpdateDynamicSchedule must name an installed Dynamic profile and keep its values consistent.</summary>
    public static string? Check(UpdateDynamicScheduleRequest request, ChargingProfileBook installed, V2xCapabilities capabilities)
    {
        if (installed.Find(request.ChargingProfileId) is not { } target)
            return $"profile {request.ChargingProfileId} is not installed on the station";
        if (target.Kind != OcppText.Of(ChargingProfileKindEnumType.Dynamic))
            return $"profile {request.ChargingProfileId} is {target.Kind}, not Dynamic";
        var u = request.ScheduleUpdate;
        if (Values(u.Limit, u.DischargeLimit, u.Setpoint, u.LimitL2, u.LimitL3, u.DischargeLimitL2, u.DischargeLimitL3) is { } reason)
            return reason;
        return Discharge(target.EvseId, u.DischargeLimit, u.Setpoint, curveDischarges: false, capabilities);
    }

    private static string? CheckPeriod(ChargingSchedulePeriodType p, int evseId, V2xCapabilities capabilities)
    {
        if (Values(p.Limit, p.DischargeLimit, p.Setpoint, p.LimitL2, p.LimitL3, p.DischargeLimitL2, p.DischargeLimitL3) is { } values)
            return values;
        if (RequiredFields(p) is { } missing) return missing;
        if (p.V2xFreqWattCurve is { } freq && !Increasing(freq.Select(pt => pt.Frequency)))
            return "v2xFreqWattCurve frequencies must strictly increase";
        if (p.V2xSignalWattCurve is { } signal && !Increasing(signal.Select(pt => (decimal)pt.Signal)))
            return "v2xSignalWattCurve signals must strictly increase";
        if (p.OperationMode is { } mode && capabilities.RefuseMode(evseId, mode) is { } unsupported) return unsupported;
        var curveDischarges = p.V2xFreqWattCurve?.Any(pt => pt.Power < 0) == true || p.V2xSignalWattCurve?.Any(pt => pt.Power < 0) == true
            || p.V2xBaseline < 0;
        return Discharge(evseId, p.DischargeLimit, p.Setpoint, curveDischarges, capabilities);
    }

    /// <summary>Limits are non-negative, discharge limits non-positive, and a setpoint lies within [dischargeLimit, limit].</summary>
    private static string? Values(decimal? limit, decimal? dischargeLimit, decimal? setpoint, params decimal?[] phases)
    {
        if (limit is < 0 || phases[0] is < 0 || phases[1] is < 0) return $"limit must not be negative (got {limit})";
        if (dischargeLimit is > 0 || phases[2] is > 0 || phases[3] is > 0)
            return $"dischargeLimit must be 0 or negative (got {dischargeLimit})";
        if (setpoint is { } s && ((limit is { } l && s > l) || (dischargeLimit is { } d && s < d)))
            return $"setpoint {s} lies outside [dischargeLimit {dischargeLimit?.ToString() ?? "-∞"}, limit {limit?.ToString() ?? "∞"}]";
        return null;
    }

    /// <summary>The fields an operation mode cannot work without (OCPP 2.1 Q: V2X control modes).</summary>
    private static string? RequiredFields(ChargingSchedulePeriodType p) => p.OperationMode switch
    {
        OperationModeEnumType.CentralSetpoint or OperationModeEnumType.CentralFrequency when p.Setpoint is null =>
            $"operationMode {p.OperationMode} needs a setpoint",
        OperationModeEnumType.LocalFrequency when p.V2xFreqWattCurve is not { Count: >= 2 } =>
            "operationMode LocalFrequency needs a v2xFreqWattCurve of at least two points",
        OperationModeEnumType.ChargingOnly when p.DischargeLimit is < 0 || p.Setpoint is < 0 =>
            "operationMode ChargingOnly cannot discharge (negative dischargeLimit/setpoint)",
        OperationModeEnumType.Idle when p.Setpoint is not (null or 0) => "operationMode Idle cannot carry a non-zero setpoint",
        null when p.Setpoint is not null || p.SetpointReactive is not null =>
            "a setpoint needs an operationMode (CentralSetpoint, CentralFrequency …)",
        null or OperationModeEnumType.ChargingOnly when p.Limit is null => "a charging-only period needs a limit",
        _ => null,
    };

    private static string? Discharge(int evseId, decimal? dischargeLimit, decimal? setpoint, bool curveDischarges, V2xCapabilities capabilities)
    {
        var discharging = dischargeLimit < 0 || setpoint < 0 || curveDischarges;
        return discharging ? capabilities.RefuseDischarge(evseId) : null;
    }

    private static bool Increasing(IEnumerable<decimal> values)
    {
        decimal? previous = null;
        foreach (var v in values)
        {
            if (previous is { } p && v <= p) return false;
            previous = v;
        }
        return true;
    }
}
