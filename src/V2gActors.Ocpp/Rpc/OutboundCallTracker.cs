namespace V2gActors.Ocpp.Rpc;

/// <summary>A CALL this side initiated, waiting in the queue or on the wire. <typeparamref name="TContext"/> is the
/// owner's correlation (a TaskCompletionSource, an IActorRef, …).</summary>
public sealed record PendingCall<TContext>(CallFrame Frame, TimeSpan Timeout, TContext Context)
{
    public string MessageId => Frame.MessageId;
}

/// <summary>A pending call reached its end.</summary>
public sealed record CallCompletion<TContext>(PendingCall<TContext> Call, CallOutcome Outcome);

/// <summary>
/// What the owner must do after feeding the tracker an event: deliver <see cref="Completed"/> (if any) to its
/// caller and put <see cref="SendNext"/> (if any) on the wire.
/// </summary>
public readonly record struct TrackerStep<TContext>(CallCompletion<TContext>? Completed, CallFrame? SendNext)
{
    public static TrackerStep<TContext> Nothing => default;
}

/// <summary>
/// Enforces part 4's "at most one outstanding CALL per direction": CALLs are queued FIFO, exactly one is on the
/// wire at a time, its CALLRESULT/CALLERROR is matched by message id, and a call that times out fails so the next
/// one can proceed. Pure state machine: no threads, no timers, time comes from the injected <see cref="TimeProvider"/>.
/// Not thread-safe: the owner serialises access (an actor does so naturally; the client connection uses a lock) and
/// arranges to call <see cref="ExpireDue"/> at <see cref="NextDeadline"/>.
/// </summary>
public sealed class OutboundCallTracker<TContext>
{
    private readonly TimeProvider _time;
    private readonly Func<string> _newMessageId;
    private Queue<PendingCall<TContext>> _queue = new();
    private PendingCall<TContext>? _outstanding;
    private DateTimeOffset _deadline;

    /// <param name="newMessageId">Id source; defaults to a 32-character GUID (well under the 36-character limit,
    /// unique across reconnects and nodes, which matters because a sharded entity may outlive the socket).</param>
    public OutboundCallTracker(TimeProvider? time = null, Func<string>? newMessageId = null)
    {
        _time = time ?? TimeProvider.System;
        _newMessageId = newMessageId ?? (static () => Guid.NewGuid().ToString("N"));
    }

    public PendingCall<TContext>? Outstanding => _outstanding;

    public int QueuedCount => _queue.Count;

    /// <summary>When the outstanding call times out, or null when nothing is on the wire.</summary>
    public DateTimeOffset? NextDeadline => _outstanding is null ? null : _deadline;

    /// <summary>Queues a CALL. Returns the frame to send now when the wire was free, otherwise null (it is sent
    /// later as <see cref="TrackerStep{TContext}.SendNext"/>).</summary>
    public CallFrame? Enqueue(string action, ReadOnlyMemory<byte> payload, TimeSpan timeout, TContext context, out PendingCall<TContext> call)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "A call needs a positive timeout.");
        var id = _newMessageId();
        if (string.IsNullOrEmpty(id) || id.Length > OcppFrameCodec.MaxMessageIdLength)
            throw new InvalidOperationException($"Message id generator produced an invalid id '{id}'.");
        call = new PendingCall<TContext>(new CallFrame(id, action, payload), timeout, context);
        _queue.Enqueue(call);
        return _outstanding is null ? StartNext() : null;
    }

    /// <summary>
    /// Matches a CALLRESULT or CALLERROR against the outstanding call. When it does not match (unknown or late id,
    /// e.g. after a timeout), <see cref="TrackerStep{TContext}.Completed"/> is null: the owner decides whether to
    /// ignore it or, for a CALLRESULT on 2.1, answer CALLRESULTERROR.
    /// </summary>
    public TrackerStep<TContext> OnResponse(OcppFrame response)
    {
        CallOutcome outcome = response switch
        {
            CallResultFrame result => new CallSucceeded(result.Payload),
            CallErrorFrame error => new CallFailed(error.ErrorCode, error.ErrorDescription, error.ErrorDetails),
            _ => throw new ArgumentException($"Only CALLRESULT and CALLERROR answer a CALL, not {response.Type}.", nameof(response)),
        };
        if (_outstanding is null || !string.Equals(_outstanding.MessageId, response.MessageId, StringComparison.Ordinal))
            return TrackerStep<TContext>.Nothing;
        return Finish(outcome);
    }

    /// <summary>Times out the outstanding call when its deadline has passed.</summary>
    public TrackerStep<TContext> ExpireDue()
    {
        if (_outstanding is null || _time.GetUtcNow() < _deadline) return TrackerStep<TContext>.Nothing;
        return Finish(new CallTimedOut(_outstanding.Timeout));
    }

    /// <summary>Removes a call that has not been sent yet. An outstanding call cannot be recalled from the wire.</summary>
    public bool TryCancelQueued(string messageId)
    {
        var found = false;
        var kept = new Queue<PendingCall<TContext>>(_queue.Count);
        foreach (var call in _queue)
        {
            if (!found && call.MessageId == messageId) found = true;
            else kept.Enqueue(call);
        }
        if (found) _queue = kept;
        return found;
    }

    /// <summary>Fails every queued and outstanding call, e.g. when the connection closed. Leaves the tracker idle.</summary>
    public IReadOnlyList<CallCompletion<TContext>> AbortAll(string reason)
    {
        var aborted = new List<CallCompletion<TContext>>(_queue.Count + 1);
        var outcome = new CallAborted(reason);
        if (_outstanding is not null) aborted.Add(new(_outstanding, outcome));
        _outstanding = null;
        while (_queue.TryDequeue(out var call)) aborted.Add(new(call, outcome));
        return aborted;
    }

    private TrackerStep<TContext> Finish(CallOutcome outcome)
    {
        var completed = new CallCompletion<TContext>(_outstanding!, outcome);
        _outstanding = null;
        return new TrackerStep<TContext>(completed, StartNext());
    }

    private CallFrame? StartNext()
    {
        if (!_queue.TryDequeue(out var next)) return null;
        _outstanding = next;
        _deadline = _time.GetUtcNow() + next.Timeout;
        return next.Frame;
    }
}
