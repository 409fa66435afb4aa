using V2gActors.Ocpp.Transport;

namespace V2gActors.Ocpp.Tests.Transport;

/// <summary>The per-connection token bucket refills from elapsed time (no timer per connection).</summary>
public class InboundRateGateTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now;

        public void Advance(TimeSpan by) => Now += by.Ticks;
    }

    [Fact]
    public async Task The_burst_passes_at_once_then_tokens_come_back_at_the_rate_and_never_beyond_the_burst()
    {
        var clock = new ManualClock();
        var gate = new InboundRateGate(perSecond: 10, burst: 3, clock);
        using var cancel = new CancellationTokenSource();

        for (var i = 0; i < 3; i++) Assert.True(gate.WaitAsync(cancel.Token).IsCompletedSuccessfully, $"burst message {i}");

        clock.Advance(TimeSpan.FromMilliseconds(100)); // one token at 10/s
        Assert.True(gate.WaitAsync(cancel.Token).IsCompletedSuccessfully);

        clock.Advance(TimeSpan.FromSeconds(60)); // idle for long: the bucket holds the burst, not 600 tokens
        for (var i = 0; i < 3; i++) Assert.True(gate.WaitAsync(cancel.Token).IsCompletedSuccessfully, $"refilled message {i}");
        var over = gate.WaitAsync(cancel.Token);
        Assert.False(over.IsCompleted, "a fourth message right after the burst must wait");

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await over);
    }
}
