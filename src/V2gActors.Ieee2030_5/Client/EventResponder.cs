using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>
/// Runs arbitration over the programs the client knows and posts the resulting Responses, strictly one after
/// another so the server sees them in event order. Only transitions the control asked for are reported:
/// responseRequired bit 0 asks for "received", bit 1 for the specific outcomes. With
/// <paramref name="postTransitions"/> off, the transitions are only handed out (in the evaluation's
/// <see cref="ArbitrationResult.Transitions"/>) and the owner posts what really happened through <see cref="RespondAsync"/>.
/// </summary>
public sealed class EventResponder(SepHttpClient http, string deviceId, byte[] endDeviceLfdi, ulong randomizationSeed,
    bool postTransitions = true)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private EventLedger _ledger = EventLedger.Empty;

    /// <param name="onEvaluated">Called with the result before the next evaluation may start, so observers see evaluations in order.</param>
    public async Task<EffectiveControl> EvaluateAsync(IReadOnlyList<DerProgramView> programs, long serverNow, CancellationToken ct = default,
        Action<EffectiveControl>? onEvaluated = null)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var schedule = new DeviceSchedule(deviceId, programs.Select(p => p.ToDefaults()).ToList(),
                programs.SelectMany(p => p.ToEvents()).ToList());
            var result = EventArbiter.Evaluate(schedule, _ledger, serverNow, randomizationSeed);
            var controls = programs.SelectMany(p => p.Controls).Where(c => c.MRID is not null)
                .GroupBy(c => Convert.ToHexString(c.MRID!)).ToDictionary(g => g.Key, g => g.First());
            foreach (var transition in postTransitions ? result.Transitions : [])
            {
                if (controls.TryGetValue(transition.Mrid, out var control) && ShouldReport(control, transition.Status))
                    await PostAsync(control, transition.Status, serverNow, ct).ConfigureAwait(false);
            }
            // The ledger only advances once every Response has gone out; a failed post is retried next evaluation.
            _ledger = result.Ledger;
            var effective = EffectiveControl.Compose(result, programs);
            onEvaluated?.Invoke(effective);
            return effective;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Posts one Response for <paramref name="control"/> if it asked for that kind; false when it did not.</summary>
    public async Task<bool> RespondAsync(DERControl control, ResponseStatus status, long serverNow, CancellationToken ct = default)
    {
        if (!ShouldReport(control, status)) return false;
        await PostAsync(control, status, serverNow, ct).ConfigureAwait(false);
        return true;
    }

    private static bool ShouldReport(DERControl control, ResponseStatus status)
    {
        if (control.ReplyTo is null || control.ResponseRequired is not [var flags, ..]) return false;
        return status == ResponseStatus.EventReceived ? (flags & 0x01) != 0 : (flags & 0x02) != 0;
    }

    private Task PostAsync(DERControl control, ResponseStatus status, long now, CancellationToken ct) =>
        http.PostAsync(control.ReplyTo!, new DERControlResponse
        {
            CreatedDateTime = now, EndDeviceLFDI = endDeviceLfdi, Status = (byte)status, Subject = control.MRID,
        }, ct);
}
