using System.Collections.Immutable;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;

namespace V2gActors.Engine.Grid;

/// <summary>
/// What the grid currently asks of one fleet, and the pure mapping from (controls, frequency, time) to its target:
/// <c>clamp(base target + droop change(f), −export cap, import cap)</c>, where each kind of control is taken from the
/// active control with the lowest priority number (2030.5 primacy / OCPP priority: lower wins).
/// Volt-var / volt-watt / explicit freq-watt curves are kept but not mapped yet (see README gaps).
/// </summary>
public sealed record FleetGridStance(string FleetId, double ReferencePowerW, ImmutableList<GridControl> Controls, double? LastSentTargetW)
{
    public static FleetGridStance For(string fleetId, double referencePowerW = 0) =>
        new(fleetId, referencePowerW, ImmutableList<GridControl>.Empty, null);

    /// <summary>Adds a control; one with the same id replaces the older one (a 2030.5 event update or OCPP re-send).</summary>
    public FleetGridStance With(GridControl control) => this with
    {
        Controls = Controls.RemoveAll(c => c.ControlId == control.ControlId && c.GetType() == control.GetType()).Add(control),
    };

    /// <summary>Drops controls whose window has closed.</summary>
    public FleetGridStance Expire(DateTimeOffset now) => this with { Controls = Controls.RemoveAll(c => EndOf(c.Window) is { } end && end <= now) };

    /// <summary>The target the fleet should hold now, or null when nothing is asked of it (neither a target nor a droop).</summary>
    public double? TargetAt(DateTimeOffset now, double? frequencyHz)
    {
        var baseTarget = Winner<FleetTargetControl>(now)?.Target.Value;
        var droop = Winner<FrequencyDroopControl>(now) is { } d && d.Droop.Validate() is null ? d.Droop : null;
        // A fleet under droop holds its base target (0 W without one) plus the droop change, so it also returns to the
        // base when the frequency does.
        if (baseTarget is null && droop is null) return null;
        var change = frequencyHz is { } f && droop is not null
            ? DroopResponse.PowerChange(droop, new Hertz(f), new Watts(ReferencePowerW), DroopHeadroom.Unlimited).Value
            : 0.0;

        var target = (baseTarget ?? 0) + change;
        if (Winner<PowerLimitControl>(now)?.Limits is { } limits)
        {
            if (limits.MaxImport is { } import) target = Math.Min(target, Math.Max(0, import.Value));
            if (limits.EffectiveMaxExport is { } export) target = Math.Max(target, -Math.Max(0, export.Value));
        }
        return target;
    }

    /// <summary>Duration the current target holds: until the earliest end of the controls that made it (null: until replaced).</summary>
    public TimeSpan? RemainingAt(DateTimeOffset now)
    {
        var ends = Controls.Where(c => IsActive(c.Window, now)).Select(c => EndOf(c.Window)).OfType<DateTimeOffset>().ToList();
        return ends.Count == 0 ? null : ends.Min() - now;
    }

    /// <summary>The next instant a window opens or closes after <paramref name="now"/> (to re-evaluate then).</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset now) =>
        Controls.SelectMany(c => new[] { IsDefault(c.Window) ? (DateTimeOffset?)null : c.Window.Start, EndOf(c.Window) })
            .OfType<DateTimeOffset>().Where(t => t > now).Order().Cast<DateTimeOffset?>().FirstOrDefault();

    private T? Winner<T>(DateTimeOffset now) where T : GridControl =>
        Controls.OfType<T>().Where(c => IsActive(c.Window, now)).OrderBy(c => c.Window.Priority).ThenByDescending(c => c.Window.Start).FirstOrDefault();

    // ControlWindow.Default spans MinValue + TimeSpan.MaxValue, whose End overflows DateTimeOffset; treat it as open-ended.
    private static bool IsDefault(ControlWindow w) => w.Duration == TimeSpan.MaxValue;

    private static DateTimeOffset? EndOf(ControlWindow w) =>
        IsDefault(w) || w.Start > DateTimeOffset.MaxValue - w.Duration ? null : w.End;

    private static bool IsActive(ControlWindow w, DateTimeOffset now) =>
        now >= w.Start && (EndOf(w) is not { } end || now < end);
}
