namespace V2gActors.Ocpp.Tests.Rpc;

/// <summary>A clock the test moves by hand (the tracker only reads the time; it never starts timers).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
