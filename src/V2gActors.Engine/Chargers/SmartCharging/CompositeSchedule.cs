using System.Collections.Immutable;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>One profile as the composite calculation sees it: where it is installed and its latest dynamic update.</summary>
public sealed record ProfileInForce(int EvseId, ChargingProfileType Profile, DateTimeOffset InstalledAt, ChargingScheduleUpdateType? Update = null)
{
    public static ProfileInForce From(InstalledChargingProfile installed) =>
        new(installed.EvseId, ChargingProfileBook.Parse(installed), installed.InstalledAt, ChargingProfileBook.ParseUpdate(installed));
}

/// <summary>What the composite calculation needs to know about the station besides its profiles.</summary>
/// <param name="TransactionStarts">open transactions (id → start); a TxProfile of a transaction not listed is ignored, a Relative profile starts with its transaction</param>
/// <param name="PriorityChargingActive">EVSEs on which the driver requested priority charging (UsePriorityCharging), so PriorityCharging profiles apply</param>
public sealed record CompositeContext(ImmutableDictionary<string, DateTimeOffset> TransactionStarts, ImmutableHashSet<int> PriorityChargingActive)
{
    public static CompositeContext None { get; } = new(ImmutableDictionary<string, DateTimeOffset>.Empty, []);
}

/// <summary>
/// The composite schedule of one EVSE (OCPP 2.1 K08, "composite schedule" rules), computed from the installed profiles.
/// Pure. At each moment:
/// <list type="bullet">
/// <item>the transaction level is the highest-stack active PriorityCharging profile when priority charging is on, else the
/// highest-stack TxProfile of the EVSE's transaction, else the highest-stack TxDefaultProfile (one on the EVSE
/// before one on EVSE 0);</item>
/// <item>the station caps are the highest-stack ChargingStationMaxProfile (raised by an active LocalGeneration profile,
/// which adds generation capacity on top of it) and every active ChargingStationExternalConstraints profile;</item>
/// <item>limit = the minimum of the limits, dischargeLimit = the one closest to zero, the setpoint (and operation mode,
/// baseline and curves) come from the transaction level, the setpoint clamped into [dischargeLimit, limit].</item>
/// </list>
/// A Dynamic profile's latest UpdateDynamicSchedule replaces the values of its current period. Amperes and watts are
/// converted at a nominal 230 V per phase (3 phases unless the period says otherwise). EVSE 0 gets the station caps only.
/// </summary>
public static class CompositeSchedule
{
    public const decimal NominalVoltage = 230m;

    private sealed record Active(ProfileInForce Source, ChargingSchedulePeriodType Period, ChargingRateUnitEnumType Unit);

    public static CompositeScheduleType Compute(
        IReadOnlyCollection<ProfileInForce> profiles, int evseId, DateTimeOffset start, int durationSeconds,
        ChargingRateUnitEnumType unit, CompositeContext context)
    {
        var end = start.AddSeconds(durationSeconds);
        var relevant = profiles.Where(p => Applies(p, evseId, context)).ToList();
        var breakpoints = relevant.SelectMany(p => ChangeTimes(p, start, end, context))
            .Where(t => t > start && t < end).Append(start).Distinct().Order().ToList();

        var periods = new List<ChargingSchedulePeriodType>();
        foreach (var at in breakpoints)
        {
            var period = Combine(relevant, evseId, at, unit, context) with { StartPeriod = (int)(at - start).TotalSeconds };
            if (periods.Count > 0 && (periods[^1] with { StartPeriod = 0 }) == (period with { StartPeriod = 0 })) continue;
            periods.Add(period);
        }

        return new CompositeScheduleType
        {
            EvseId = evseId, Duration = durationSeconds, ScheduleStart = start, ChargingRateUnit = unit, ChargingSchedulePeriod = periods,
        };
    }

    private static bool Applies(ProfileInForce p, int evseId, CompositeContext context) => p.Profile.ChargingProfilePurpose switch
    {
        ChargingProfilePurposeEnumType.ChargingStationMaxProfile => true,
        ChargingProfilePurposeEnumType.ChargingStationExternalConstraints or ChargingProfilePurposeEnumType.LocalGeneration =>
            p.EvseId == 0 || p.EvseId == evseId,
        _ when evseId == 0 => false,
        ChargingProfilePurposeEnumType.TxDefaultProfile => p.EvseId == 0 || p.EvseId == evseId,
        ChargingProfilePurposeEnumType.TxProfile => p.EvseId == evseId && p.Profile.TransactionId is { } tx && context.TransactionStarts.ContainsKey(tx),
        ChargingProfilePurposeEnumType.PriorityCharging => p.EvseId == evseId && context.PriorityChargingActive.Contains(evseId),
        _ => false,
    };

    private static ChargingSchedulePeriodType Combine(List<ProfileInForce> relevant, int evseId, DateTimeOffset at,
        ChargingRateUnitEnumType unit, CompositeContext context)
    {
        var active = relevant.Select(p => PeriodAt(p, at, context)).OfType<Active>().ToList();
        Active? Top(ChargingProfilePurposeEnumType purpose, Func<Active, bool>? filter = null) => active
            .Where(a => a.Source.Profile.ChargingProfilePurpose == purpose && (filter?.Invoke(a) ?? true))
            .MaxBy(a => a.Source.Profile.StackLevel);

        var txLevel = Top(ChargingProfilePurposeEnumType.PriorityCharging)
                      ?? Top(ChargingProfilePurposeEnumType.TxProfile)
                      ?? Top(ChargingProfilePurposeEnumType.TxDefaultProfile, a => a.Source.EvseId == evseId && evseId != 0)
                      ?? Top(ChargingProfilePurposeEnumType.TxDefaultProfile);

        var limits = new List<decimal>();
        var dischargeLimits = new List<decimal>();
        void Add(Active? a, decimal extraLimit = 0)
        {
            if (a is null) return;
            if (Convert(a.Period.Limit, a, unit) is { } l) limits.Add(l + extraLimit);
            if (Convert(a.Period.DischargeLimit, a, unit) is { } d) dischargeLimits.Add(d);
        }

        Add(txLevel);
        var generation = Top(ChargingProfilePurposeEnumType.LocalGeneration) is { } g ? Convert(g.Period.Limit, g, unit) ?? 0 : 0;
        Add(Top(ChargingProfilePurposeEnumType.ChargingStationMaxProfile), generation);
        foreach (var external in active.Where(a => a.Source.Profile.ChargingProfilePurpose == ChargingProfilePurposeEnumType.ChargingStationExternalConstraints))
            Add(external);

        decimal? limit = limits.Count > 0 ? limits.Min() : null;
        decimal? dischargeLimit = dischargeLimits.Count > 0 ? dischargeLimits.Max() : null;
        var setpoint = txLevel is null ? null : Convert(txLevel.Period.Setpoint, txLevel, unit);
        if (setpoint is { } s)
        {
            if (limit is { } hi && s > hi) s = hi;
            if (dischargeLimit is { } lo && s < lo) s = lo;
            setpoint = s;
        }

        var tx = txLevel?.Period;
        return new ChargingSchedulePeriodType
        {
            StartPeriod = 0,
            Limit = limit,
            DischargeLimit = dischargeLimit,
            Setpoint = setpoint,
            SetpointReactive = tx?.SetpointReactive,
            NumberPhases = tx?.NumberPhases,
            OperationMode = tx?.OperationMode,
            V2xBaseline = txLevel is null ? null : Convert(tx!.V2xBaseline, txLevel, unit),
            V2xFreqWattCurve = tx?.V2xFreqWattCurve,
            V2xSignalWattCurve = tx?.V2xSignalWattCurve,
        };
    }

    private static decimal? Convert(decimal? value, Active from, ChargingRateUnitEnumType to)
    {
        if (value is not { } v || from.Unit == to) return value;
        var volts = NominalVoltage * (from.Period.NumberPhases ?? 3);
        return Math.Round(to == ChargingRateUnitEnumType.W ? v * volts : v / volts, 1);
    }

    private static Active? PeriodAt(ProfileInForce p, DateTimeOffset at, CompositeContext context)
    {
        var profile = p.Profile;
        if (profile.ValidFrom is { } from && at < from) return null;
        if (profile.ValidTo is { } to && at >= to) return null;
        var schedule = profile.ChargingSchedule[0];
        if (ScheduleStart(p, at, context) is not { } scheduleStart || at < scheduleStart) return null;
        var offset = (at - scheduleStart).TotalSeconds;
        if (schedule.Duration is { } duration && offset >= duration) return null;
        var period = schedule.ChargingSchedulePeriod.LastOrDefault(x => x.StartPeriod <= offset);
        if (period is null) return null;
        if (p.Update is { } u)
            period = period with
            {
                Limit = u.Limit ?? period.Limit,
                DischargeLimit = u.DischargeLimit ?? period.DischargeLimit,
                Setpoint = u.Setpoint ?? period.Setpoint,
                SetpointReactive = u.SetpointReactive ?? period.SetpointReactive,
            };
        return new Active(p, period, schedule.ChargingRateUnit);
    }

    /// <summary>When the schedule in force at <paramref name="at"/> started (a Recurring one: its latest recurrence).</summary>
    private static DateTimeOffset? ScheduleStart(ProfileInForce p, DateTimeOffset at, CompositeContext context)
    {
        var profile = p.Profile;
        var declared = profile.ChargingSchedule[0].StartSchedule;
        switch (profile.ChargingProfileKind)
        {
            case ChargingProfileKindEnumType.Relative:
                return profile.TransactionId is { } tx && context.TransactionStarts.TryGetValue(tx, out var txStart) ? txStart
                    : context.TransactionStarts.Values.DefaultIfEmpty(p.InstalledAt).Max();
            case ChargingProfileKindEnumType.Recurring:
                var first = declared ?? p.InstalledAt;
                var every = Recurrence(profile);
                if (at < first) return first;
                return first + every * Math.Floor((at - first) / every);
            case ChargingProfileKindEnumType.Dynamic:
                return declared ?? profile.DynUpdateTime ?? p.InstalledAt;
            default:
                return declared ?? p.InstalledAt;
        }
    }

    private static TimeSpan Recurrence(ChargingProfileType profile) =>
        profile.RecurrencyKind == RecurrencyKindEnumType.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);

    /// <summary>Every moment in [start, end) at which this profile's contribution may change.</summary>
    private static IEnumerable<DateTimeOffset> ChangeTimes(ProfileInForce p, DateTimeOffset start, DateTimeOffset end, CompositeContext context)
    {
        var profile = p.Profile;
        if (profile.ValidFrom is { } from) yield return from;
        if (profile.ValidTo is { } to) yield return to;
        var schedule = profile.ChargingSchedule[0];
        var firstStart = ScheduleStart(p, start, context);
        if (firstStart is not { } s0) yield break;
        var recurrence = profile.ChargingProfileKind == ChargingProfileKindEnumType.Recurring ? Recurrence(profile) : (TimeSpan?)null;
        for (var s = s0; s < end; s += recurrence ?? TimeSpan.MaxValue)
        {
            foreach (var period in schedule.ChargingSchedulePeriod) yield return s.AddSeconds(period.StartPeriod);
            if (schedule.Duration is { } d) yield return s.AddSeconds(d);
            if (recurrence is null) yield break;
        }
    }
}
