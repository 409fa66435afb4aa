using V2gActors.Ocpp.Rpc;

namespace V2gActors.Ocpp.Tests.Rpc;

public class OutboundCallTrackerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));

    private OutboundCallTracker<string> NewTracker()
    {
        var next = 0;
        return new OutboundCallTracker<string>(_time, () => $"m{++next}");
    }

    [Fact]
    public void First_call_goes_out_at_once_and_later_ones_queue()
    {
        var tracker = NewTracker();
        var first = tracker.Enqueue("Heartbeat", default, Timeout, "a", out var a);
        var second = tracker.Enqueue("StatusNotification", default, Timeout, "b", out var b);

        Assert.NotNull(first);
        Assert.Equal("m1", first.MessageId);
        Assert.Null(second);
        Assert.Same(a, tracker.Outstanding);
        Assert.Equal(1, tracker.QueuedCount);
        Assert.Equal(_time.GetUtcNow() + Timeout, tracker.NextDeadline);
        Assert.NotEqual(a.MessageId, b.MessageId);
    }

    [Fact]
    public void Result_completes_the_outstanding_call_and_releases_the_next_in_fifo_order()
    {
        var tracker = NewTracker();
        tracker.Enqueue("A", default, Timeout, "a", out _);
        tracker.Enqueue("B", default, Timeout, "b", out _);
        tracker.Enqueue("C", default, Timeout, "c", out _);

        var step = tracker.OnResponse(new CallResultFrame("m1", "{\"ok\":1}"u8.ToArray()));
        Assert.Equal("a", step.Completed!.Call.Context);
        Assert.IsType<CallSucceeded>(step.Completed.Outcome);
        Assert.Equal("B", step.SendNext!.Action);

        step = tracker.OnResponse(new CallErrorFrame("m2", OcppErrorCode.NotSupported, "no", default));
        var failed = Assert.IsType<CallFailed>(step.Completed!.Outcome);
        Assert.Equal(OcppErrorCode.NotSupported, failed.ErrorCode);
        Assert.Equal("C", step.SendNext!.Action);

        step = tracker.OnResponse(new CallResultFrame("m3", default));
        Assert.Equal("c", step.Completed!.Call.Context);
        Assert.Null(step.SendNext);
        Assert.Null(tracker.Outstanding);
        Assert.Null(tracker.NextDeadline);
    }

    [Fact]
    public void Unknown_or_late_response_is_reported_as_unmatched()
    {
        var tracker = NewTracker();
        Assert.Null(tracker.OnResponse(new CallResultFrame("nobody", default)).Completed);

        tracker.Enqueue("A", default, Timeout, "a", out _);
        var step = tracker.OnResponse(new CallResultFrame("m99", default));
        Assert.Null(step.Completed);
        Assert.Null(step.SendNext);
        Assert.NotNull(tracker.Outstanding); // still waiting for the real answer
    }

    [Fact]
    public void Timeout_fails_the_call_and_the_next_proceeds_with_its_own_deadline()
    {
        var tracker = NewTracker();
        tracker.Enqueue("A", default, Timeout, "a", out _);
        tracker.Enqueue("B", default, TimeSpan.FromSeconds(5), "b", out _);

        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Null(tracker.ExpireDue().Completed);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var step = tracker.ExpireDue();
        Assert.Equal(new CallTimedOut(Timeout), step.Completed!.Outcome);
        Assert.Equal("B", step.SendNext!.Action);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), tracker.NextDeadline);

        // The late answer to A must not complete B.
        Assert.Null(tracker.OnResponse(new CallResultFrame("m1", default)).Completed);
        Assert.Equal("b", tracker.Outstanding!.Context);
    }

    [Fact]
    public void Deadline_counts_from_sending_not_from_queueing()
    {
        var tracker = NewTracker();
        tracker.Enqueue("A", default, Timeout, "a", out _);
        tracker.Enqueue("B", default, Timeout, "b", out _);
        _time.Advance(TimeSpan.FromSeconds(20));
        tracker.OnResponse(new CallResultFrame("m1", default));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(tracker.ExpireDue().Completed); // B has been on the wire for 20 s only
    }

    [Fact]
    public void Queued_call_can_be_cancelled_but_not_the_outstanding_one()
    {
        var tracker = NewTracker();
        tracker.Enqueue("A", default, Timeout, "a", out _);
        tracker.Enqueue("B", default, Timeout, "b", out _);
        tracker.Enqueue("C", default, Timeout, "c", out _);

        Assert.False(tracker.TryCancelQueued("m1"));
        Assert.True(tracker.TryCancelQueued("m2"));
        Assert.False(tracker.TryCancelQueued("m2"));
        Assert.Equal("C", tracker.OnResponse(new CallResultFrame("m1", default)).SendNext!.Action);
    }

    [Fact]
    public void AbortAll_fails_outstanding_and_queued_calls()
    {
        var tracker = NewTracker();
        tracker.Enqueue("A", default, Timeout, "a", out _);
        tracker.Enqueue("B", default, Timeout, "b", out _);

        var aborted = tracker.AbortAll("socket closed");
        Assert.Equal(["a", "b"], aborted.Select(c => c.Call.Context));
        Assert.All(aborted, c => Assert.Equal(new CallAborted("socket closed"), c.Outcome));
        Assert.Null(tracker.Outstanding);
        Assert.Equal(0, tracker.QueuedCount);
        Assert.NotNull(tracker.Enqueue("C", default, Timeout, "c", out _)); // usable again
    }

    [Fact]
    public void Default_ids_are_unique_and_within_36_characters()
    {
        var tracker = new OutboundCallTracker<int>();
        var ids = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            var frame = tracker.Enqueue("A", default, Timeout, i, out _)!;
            Assert.True(frame.MessageId.Length <= OcppFrameCodec.MaxMessageIdLength);
            Assert.True(ids.Add(frame.MessageId));
            tracker.OnResponse(new CallResultFrame(frame.MessageId, default));
        }
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        var tracker = NewTracker();
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Enqueue("A", default, TimeSpan.Zero, "a", out _));
        Assert.ThrowsAny<ArgumentException>(() => tracker.Enqueue("", default, Timeout, "a", out _));
        Assert.Throws<ArgumentException>(() => tracker.OnResponse(new SendFrame("x", "A", default)));
        var bad = new OutboundCallTracker<string>(newMessageId: () => new string('x', 37));
        Assert.Throws<InvalidOperationException>(() => bad.Enqueue("A", default, Timeout, "a", out _));
    }
}
