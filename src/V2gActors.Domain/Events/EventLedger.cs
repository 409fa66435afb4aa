using System.Collections.Immutable;

namespace V2gActors.Domain.Events;

/// <summary>
/// What has already been reported for each event, so each Response is sent once and in order
/// (received, then started, then completed, or one terminal status instead).
/// </summary>
public sealed record EventLedger(ImmutableDictionary<string, ResponseStatus> LastReported)
{
    public static EventLedger Empty { get; } = new(ImmutableDictionary<string, ResponseStatus>.Empty.WithComparers(StringComparer.Ordinal));

    public ResponseStatus? LastFor(string mrid) => LastReported.TryGetValue(mrid, out var s) ? s : null;

    public bool IsFinished(string mrid) => LastFor(mrid) is { } s && IsTerminal(s);

    public static bool IsTerminal(ResponseStatus status) => status is ResponseStatus.EventCompleted
        or ResponseStatus.EventCancelled or ResponseStatus.EventSuperseded or ResponseStatus.EventExpired
        or ResponseStatus.EventAbortedByServer or ResponseStatus.EventAbortedByProgram;
}
