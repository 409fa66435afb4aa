namespace V2gActors.LoadTest.Recording;

/// <summary>
/// One answered (or failed) CALL as a simulated charger saw it. The time is taken on the charger's side the moment the
/// answer was handed back by the transport, before this message is sent to the recorder, so the recorder's own mailbox
/// delay never inflates a latency.
/// </summary>
/// <param name="Series">What is measured, usually the OCPP action ("BootNotification", "TransactionEvent").</param>
/// <param name="Microseconds">From the scheduled (or actual) send to the answer.</param>
/// <param name="Succeeded">Answered as the scenario wanted (e.g. BootNotification Accepted); false for CALLERROR,
/// timeout, abort or an unwanted status.</param>
/// <param name="AnsweredAt">Stopwatch timestamp of the answer, for the series' throughput window.</param>
public sealed record FrameTimed(string Series, long Microseconds, bool Succeeded, long AnsweredAt);

/// <summary>Ask the recorder to tell the sender <see cref="FramesArrived"/> once <paramref name="Count"/> successful
/// frames of <paramref name="Series"/> were recorded (immediately when they already were).</summary>
public sealed record AwaitFrames(string Series, long Count);

public sealed record FramesArrived(string Series, long Count);

/// <summary>Ask the recorder for its summaries; answered with <see cref="Recordings"/>.</summary>
public sealed record GetRecordings
{
    public static readonly GetRecordings Instance = new();
}

public sealed record Recordings(IReadOnlyList<Reporting.SeriesSummary> Series);
