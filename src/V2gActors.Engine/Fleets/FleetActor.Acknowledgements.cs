using Akka.Actor;
using V2gActors.Engine.Chargers;

namespace V2gActors.Engine.Fleets;

/// <summary>
/// How the fleet hears back from its chargers. Every frame is a plain Tell carrying a correlation id (dispatch, round,
/// session) that the charger entity copies onto its <see cref="ChargerCommandCompleted"/>; one timer per round stands in
/// for the per-frame Ask timeouts. The answers are gathered and journaled together (<see cref="FleetFramesAcknowledged"/>):
/// when the last frame of a round is answered, after <see cref="AckFlushDelay"/> for stragglers, and before any command
/// that reads or changes what they affect. One journal write per dispatch instead of one per charger keeps the database
/// off the path of the next dispatch; an answer is acknowledged to nobody, so nothing acknowledged waits in the buffer.
/// </summary>
public sealed partial class FleetActor
{
    private sealed record FlushAcknowledgements : INoSerializationVerificationNeeded
    {
        public static FlushAcknowledgements Instance { get; } = new();
    }

    /// <summary>The ack timeout of a round ran out: its unanswered frames count as not answered.</summary>
    private sealed record RoundOverdue(string DispatchId, int Round) : INoSerializationVerificationNeeded;

    private sealed record PendingFrame(string DispatchId, int Round, string SessionId, string Action, double SetpointW);

    private const string AckFlushTimer = "ack-flush";

    /// <summary>How long an answer waits for the rest of its round before it is journaled on its own.</summary>
    private static readonly TimeSpan AckFlushDelay = TimeSpan.FromMilliseconds(250);

    private readonly List<FleetFrameAcknowledged> _answers = [];

    /// <summary>Frames sent and not yet answered, by correlation id.</summary>
    private readonly Dictionary<string, PendingFrame> _pending = new(StringComparer.Ordinal);

    /// <summary>Frames of each (dispatch, round) still without an answer.</summary>
    private readonly Dictionary<(string DispatchId, int Round), int> _unanswered = [];

    private void AcknowledgementCommands()
    {
        Command<ChargerCommandCompleted>(OnChargerAnswer);
        Command<RoundOverdue>(OnRoundOverdue);
        Command<FlushAcknowledgements>(_ => FlushAnswers());
    }

    /// <summary>The frame's command, addressed back to this fleet with its correlation id.</summary>
    private IChargerCommand Correlated(PlannedFrame frame, string dispatchId, int round)
    {
        var correlation = $"{dispatchId}/{round}/{frame.SessionId}";
        _pending[correlation] = new PendingFrame(dispatchId, round, frame.SessionId, frame.Action, frame.SetpointW);
        return frame.Command switch
        {
            SendSetpointUpdate update => update with { ReplyTo = Self, Correlation = correlation },
            SendChargerCommand command => command with { ReplyTo = Self, Correlation = correlation },
            var other => throw new ArgumentOutOfRangeException(nameof(frame), other.GetType().Name, "not a setpoint frame"),
        };
    }

    private void ExpectAnswers(string dispatchId, int round, int frames)
    {
        if (frames == 0) return;
        _unanswered[(dispatchId, round)] = frames;
        Timers.StartSingleTimer(RoundTimer(dispatchId, round), new RoundOverdue(dispatchId, round), _settings.AckTimeout);
    }

    private void OnChargerAnswer(ChargerCommandCompleted done)
    {
        // Unknown: answered already (overdue), or sent by an earlier incarnation of this fleet.
        if (done.Correlation is not { } correlation || !_pending.Remove(correlation, out var frame)) return;
        OnAnswered(new FrameAnswered(frame.DispatchId, frame.Round, frame.SessionId, frame.Action, frame.SetpointW, done, null));
    }

    private void OnRoundOverdue(RoundOverdue overdue)
    {
        var late = _pending.Where(p => p.Value.DispatchId == overdue.DispatchId && p.Value.Round == overdue.Round).ToList();
        foreach (var (correlation, frame) in late)
        {
            _pending.Remove(correlation);
            OnAnswered(new FrameAnswered(frame.DispatchId, frame.Round, frame.SessionId, frame.Action, frame.SetpointW, null,
                "no answer within the ack timeout"));
        }
    }

    /// <summary>Buffers one answer; true when it was the last one its round was waiting for.</summary>
    private bool Gather(FleetFrameAcknowledged answer)
    {
        _answers.Add(answer);
        var key = (answer.DispatchId, answer.Round);
        if (_unanswered.TryGetValue(key, out var left) && --left > 0)
        {
            _unanswered[key] = left;
            if (_answers.Count == 1) Timers.StartSingleTimer(AckFlushTimer, FlushAcknowledgements.Instance, AckFlushDelay);
            return false;
        }
        _unanswered.Remove(key);
        Timers.Cancel(RoundTimer(answer.DispatchId, answer.Round));
        FlushAnswers();
        return true;
    }

    /// <summary>Folds the gathered answers into the state and journals them as one record.</summary>
    private void FlushAnswers()
    {
        if (_answers.Count == 0) return;
        Timers.Cancel(AckFlushTimer);
        var batch = new FleetFramesAcknowledged([.. _answers]);
        _answers.Clear();
        ApplyThenPersist(batch);
    }

    private static string RoundTimer(string dispatchId, int round) => $"answers-{dispatchId}-{round}";
}
