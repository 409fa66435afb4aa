using System.Diagnostics;
using Akka.Actor;
using V2gActors.LoadTest.Recording;

namespace V2gActors.LoadTest.Chargers;

/// <summary>
/// Times setpoint frames against the grid event that caused them. The scenario calls <see cref="Begin"/> just before
/// it sends an event and waits until every station received its frame before the next one, so each frame belongs to
/// the current event. Each arrival is recorded in the <see cref="FrameSeries"/>; the slowest of an event (the "last
/// setpoint frame received") is kept for <see cref="EndEvent"/>. Thread-safe: thousands of read loops call in.
/// </summary>
public sealed class SetpointTap(IActorRef recorder) : ISetpointTap
{
    private long _eventStart;
    private long _slowestMicros;
    private string _series = "setpoint frame";

    public string FrameSeries => Volatile.Read(ref _series);

    public void Begin(string series)
    {
        Volatile.Write(ref _series, series);
        Interlocked.Exchange(ref _slowestMicros, 0);
        Interlocked.Exchange(ref _eventStart, Stopwatch.GetTimestamp());
    }

    public void Received(long at)
    {
        var micros = (long)Stopwatch.GetElapsedTime(Interlocked.Read(ref _eventStart), at).TotalMicroseconds;
        long slowest;
        while (micros > (slowest = Interlocked.Read(ref _slowestMicros)) &&
               Interlocked.CompareExchange(ref _slowestMicros, micros, slowest) != slowest) { }
        recorder.Tell(new FrameTimed(FrameSeries, micros, true, at));
    }

    /// <summary>Records the event's slowest frame (event → last setpoint frame received) in <paramref name="series"/>.</summary>
    public void EndEvent(string series) =>
        recorder.Tell(new FrameTimed(series, Interlocked.Read(ref _slowestMicros), true, Stopwatch.GetTimestamp()));
}
