using System.Diagnostics;
using Akka.Actor;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport.Client;

namespace V2gActors.LoadTest.Recording;

/// <summary>
/// Times CALLs on the charger side and reports each to the recorder. The latency is what a charger experiences: from
/// the moment the CALL was due to the moment its answer was handed back by the client transport (which includes the
/// client's own continuation scheduling; on a shared 2-core machine that part is not negligible).
/// </summary>
public sealed class LatencyProbe(IActorRef recorder, TimeSpan callTimeout)
{
    public TimeSpan CallTimeout { get; } = callTimeout;

    /// <param name="dueAt">Stopwatch timestamp when the CALL was scheduled. A paced scenario passes its schedule so a
    /// charger that fell behind records the wait too (no coordinated omission); null = now.</param>
    /// <param name="wanted">Extra success condition on the answer (e.g. registration Accepted); null = any CALLRESULT.</param>
    public async Task<CallOutcome> CallAsync(OcppClientConnection connection, string action, ReadOnlyMemory<byte> payload,
        long? dueAt = null, Func<CallSucceeded, bool>? wanted = null, string? series = null)
    {
        var start = dueAt ?? Stopwatch.GetTimestamp();
        var outcome = await connection.CallAsync(action, payload, CallTimeout).ConfigureAwait(false);
        var end = Stopwatch.GetTimestamp();
        var succeeded = outcome is CallSucceeded ok && (wanted?.Invoke(ok) ?? true);
        recorder.Tell(new FrameTimed(series ?? action, Microseconds(start, end), succeeded, end));
        return outcome;
    }

    /// <summary>Records a measured interval that is not a CALL (e.g. the WebSocket upgrade).</summary>
    public void Record(string series, long start, bool succeeded)
    {
        var end = Stopwatch.GetTimestamp();
        recorder.Tell(new FrameTimed(series, Microseconds(start, end), succeeded, end));
    }

    private static long Microseconds(long start, long end) => (long)Stopwatch.GetElapsedTime(start, end).TotalMicroseconds;
}
