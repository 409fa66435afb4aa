namespace V2gActors.Engine.Persistence;

/// <summary>
/// Delays for state that entities apply at once and journal later (the latest setpoint a charger or session holds).
/// A fleet dispatch touches a thousand entities in the same millisecond; with one fixed delay their writes would reach
/// the journal in the same instant too. Spreading each delay over [base, 2 × base) turns that burst into a steady trickle.
/// </summary>
public static class WriteBehind
{
    public static TimeSpan Delay(TimeSpan baseDelay) => baseDelay + baseDelay * Random.Shared.NextDouble();
}
