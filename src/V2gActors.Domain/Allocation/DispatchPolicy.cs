namespace V2gActors.Domain.Allocation;

/// <summary>
/// Fleet-wide knobs for one dispatch.
/// </summary>
/// <param name="Interval">Time until the next dispatch: ramp limits allow <c>rate × Interval</c> of movement and the
/// forced-charge rule assumes this setpoint is held for this long.</param>
/// <param name="StaleTelemetryAfter">A session not heard from for longer than this is frozen at its previous setpoint.</param>
public sealed record DispatchPolicy(TimeSpan Interval, TimeSpan StaleTelemetryAfter)
{
    public static readonly DispatchPolicy Default = new(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
}
