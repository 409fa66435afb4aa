namespace V2gActors.Domain.Grid;

/// <summary>
/// When a grid control applies and how strongly. Lower <see cref="Priority"/> wins, matching both
/// IEEE 2030.5 (lower primacy wins) and OCPP SetDERControl (0 = highest priority).
/// </summary>
public sealed record ControlWindow(DateTimeOffset Start, TimeSpan Duration, int Priority)
{
    // Saturates: a default control (MinValue start, TimeSpan.MaxValue duration) lasts "forever" instead of overflowing.
    public DateTimeOffset End => Duration >= DateTimeOffset.MaxValue - Start ? DateTimeOffset.MaxValue : Start + Duration;

    /// <summary>Active from <see cref="Start"/> inclusive to <see cref="End"/> exclusive, so back-to-back windows never overlap.</summary>
    public bool IsActiveAt(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>A window that never ends, for default controls (2030.5 DefaultDERControl, OCPP isDefault).</summary>
    public static ControlWindow Default(int priority) => new(DateTimeOffset.MinValue, TimeSpan.MaxValue, priority);
}
