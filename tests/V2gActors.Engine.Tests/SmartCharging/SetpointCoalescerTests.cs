using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Tests.SmartCharging;

/// <summary>Update-storm safety without an actor system: latest wins, minimum change, rate bound.</summary>
public sealed class SetpointCoalescerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SetpointPacing Pacing = new(MinimumChange: 10, MaxFramesPerSecond: 4, Burst: 2);

    private static QueuedSetpoint<string> Update(int profileId, decimal setpoint, string requester) =>
        new(profileId, new ChargingScheduleUpdateType { Setpoint = setpoint, Limit = 11_000 }, requester);

    [Fact]
    public void A_burst_costs_two_frames_the_last_carrying_the_final_value()
    {
        var coalescer = new SetpointCoalescer<string>(Pacing);
        var superseded = 0;
        var sent = new List<decimal>();

        for (var i = 1; i <= 1000; i++)
        {
            coalescer.Offer(Update(71001, i, $"r{i}"), out var wasSuperseded);
            if (wasSuperseded) superseded++;
            if (coalescer.Next(T0).Send is { } send) sent.Add(send.Update.Setpoint!.Value);
        }
        coalescer.Answered(71001, accepted: true, """{"status":"Accepted"}""");
        var (_, last, _) = coalescer.Next(T0);
        sent.Add(last!.Update.Setpoint!.Value);

        Assert.Equal([1m, 1000m], sent);
        Assert.Equal(998, superseded);
        Assert.Equal("r1000", last.Requester);
    }

    [Fact]
    public void An_update_within_the_minimum_change_of_what_the_station_holds_is_not_sent()
    {
        var coalescer = new SetpointCoalescer<string>(Pacing);
        coalescer.Offer(Update(1, 5_000, "a"), out _);
        coalescer.Next(T0);
        coalescer.Answered(1, true, """{"status":"Accepted"}""");

        coalescer.Offer(Update(1, 5_004, "b"), out _);
        var (unchanged, send, _) = coalescer.Next(T0.AddSeconds(1));

        Assert.Null(send);
        var (update, held) = Assert.Single(unchanged);
        Assert.Equal(("b", """{"status":"Accepted"}"""), (update.Requester, held));

        coalescer.Offer(Update(1, 5_010, "c"), out _);
        Assert.Equal("c", coalescer.Next(T0.AddSeconds(2)).Send?.Requester);
    }

    [Fact]
    public void A_rejected_frame_is_not_held_and_a_forgotten_profile_starts_afresh()
    {
        var coalescer = new SetpointCoalescer<string>(Pacing);
        coalescer.Offer(Update(1, 5_000, "a"), out _);
        coalescer.Next(T0);
        coalescer.Answered(1, false, """{"status":"Rejected"}""");
        coalescer.Offer(Update(1, 5_000, "b"), out _);
        Assert.Equal("b", coalescer.Next(T0.AddSeconds(1)).Send?.Requester);
        coalescer.Answered(1, true, """{"status":"Accepted"}""");

        coalescer.Forget(1);
        coalescer.Offer(Update(1, 5_000, "c"), out _);
        Assert.Equal("c", coalescer.Next(T0.AddSeconds(2)).Send?.Requester);
    }

    [Fact]
    public void Evses_queue_independently_but_share_the_station_rate_bound()
    {
        var coalescer = new SetpointCoalescer<string>(Pacing);
        coalescer.Offer(Update(1, 1_000, "e1"), out _);
        coalescer.Offer(Update(2, 2_000, "e2"), out _);
        coalescer.Offer(Update(3, 3_000, "e3"), out _);

        // A burst of two leaves at once; the third waits for the bucket (4 frames/s → 250 ms).
        Assert.Equal("e1", coalescer.Next(T0).Send?.Requester);
        Assert.Equal("e2", coalescer.Next(T0).Send?.Requester);
        var (_, held, retry) = coalescer.Next(T0.AddMilliseconds(100));
        Assert.Null(held);
        Assert.Equal(TimeSpan.FromMilliseconds(150), retry);
        Assert.Equal("e3", coalescer.Next(T0.AddMilliseconds(250)).Send?.Requester);
        Assert.Empty(coalescer.DrainWaiting());
    }
}
