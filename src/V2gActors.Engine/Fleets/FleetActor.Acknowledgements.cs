using Akka.Actor;

namespace V2gActors.Engine.Fleets;

/// <summary>
/// Frame answers are gathered and journaled together (<see cref="FleetFramesAcknowledged"/>): when the last frame of a
/// round is answered, after <see cref="AckFlushDelay"/> for stragglers, and before any command that reads or changes
/// what they affect. One journal write per dispatch instead of one per charger keeps the database off the path of the
/// next dispatch; an answer is not acknowledged to anyone, so nothing acknowledged waits in the buffer.
/// </summary>
public sealed partial class FleetActor
{
    private sealed record FlushAcknowledgements : INoSerializationVerificationNeeded
    {
        public static FlushAcknowledgements Instance { get; } = new();
    }

    private const string AckFlushTimer = "ack-flush";

    /// <summary>How long an answer waits for the rest of its round before it is journaled on its own.</summary>
    private static readonly TimeSpan AckFlushDelay = TimeSpan.FromMilliseconds(250);

    private readonly List<FleetFrameAcknowledged> _answers = [];

    /// <summary>Frames of each (dispatch, round) still without an answer.</summary>
    private readonly Dictionary<(string DispatchId, int Round), int> _unanswered = [];

    private void AcknowledgementCommands() =>
        Command<FlushAcknowledgements>(_ => FlushAnswers());

    private void ExpectAnswers(string dispatchId, int round, int frames)
    {
        if (frames > 0) _unanswered[(dispatchId, round)] = frames;
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
}
