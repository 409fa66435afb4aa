using V2gActors.Domain.Pacing;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>
/// How a charger entity paces UpdateDynamicSchedule frames: an update that moves nothing by at least
/// <paramref name="MinimumChange"/> (in the profile's rate unit, W or A) is not sent, and frames leave a station at no more
/// than <paramref name="MaxFramesPerSecond"/> on average with bursts of up to <paramref name="Burst"/> (a token bucket), so
/// a quick train of real changes (a frequency event) is not delayed while a sustained storm is bounded.
/// </summary>
public sealed record SetpointPacing(decimal MinimumChange, double MaxFramesPerSecond, int Burst)
{
    public static SetpointPacing Default { get; } = new(MinimumChange: 10m, MaxFramesPerSecond: 10, Burst: 10);
}

/// <summary>One UpdateDynamicSchedule waiting to go out, with whoever asked for it (encoded only if it leaves).</summary>
public sealed record QueuedSetpoint<TRequester>(int ProfileId, ChargingScheduleUpdateType Update, TRequester Requester);

/// <summary>
/// Update-storm safety for one station (pure, owned by the charger entity, not persisted): per Dynamic profile (one per
/// EVSE) at most one UpdateDynamicSchedule is in flight and one waits; a newer one replaces the waiting one (the
/// superseded requester is told), one that changes nothing beyond <see cref="SetpointPacing.MinimumChange"/> against what
/// the station holds is answered without a frame, and frames leave no faster than the
/// <see cref="SetpointPacing"/> token bucket allows. So a burst of N updates costs about two frames, the last carrying the
/// final value.
/// </summary>
public sealed class SetpointCoalescer<TRequester>(SetpointPacing pacing)
{
    private readonly Dictionary<int, QueuedSetpoint<TRequester>> _waiting = [];
    private readonly Dictionary<int, ChargingScheduleUpdateType> _inFlight = [];
    private readonly Dictionary<int, (ChargingScheduleUpdateType Update, string ResultJson)> _held = [];
    private readonly TokenBucket _frames = new(pacing.MaxFramesPerSecond, pacing.Burst);

    public int WaitingCount => _waiting.Count;

    /// <summary>Queues an update; returns the requester whose waiting update it superseded, if any.</summary>
    public TRequester? Offer(QueuedSetpoint<TRequester> update, out bool superseded)
    {
        superseded = _waiting.Remove(update.ProfileId, out var previous);
        _waiting[update.ProfileId] = update;
        return superseded ? previous!.Requester : default;
    }

    /// <summary>
    /// What to do now: updates within the threshold of what the station holds (answer them with <c>heldResultJson</c>),
    /// at most one update to send, and when to look again if the rate bound holds the rest back.
    /// </summary>
    public (List<(QueuedSetpoint<TRequester> Update, string HeldResultJson)> Unchanged, QueuedSetpoint<TRequester>? Send, TimeSpan? RetryIn)
        Next(DateTimeOffset now)
    {
        var unchanged = new List<(QueuedSetpoint<TRequester>, string)>();
        foreach (var waiting in _waiting.Values.ToList())
        {
            if (_inFlight.ContainsKey(waiting.ProfileId) || !_held.TryGetValue(waiting.ProfileId, out var held)) continue;
            if (!Moves(held.Update, waiting.Update)) { _waiting.Remove(waiting.ProfileId); unchanged.Add((waiting, held.ResultJson)); }
        }

        var ready = _waiting.Values.FirstOrDefault(w => !_inFlight.ContainsKey(w.ProfileId));
        if (ready is null) return (unchanged, null, null);
        if (!_frames.TryTake(TimeSpan.FromTicks(now.UtcTicks), out var retryIn)) return (unchanged, null, retryIn);
        _waiting.Remove(ready.ProfileId);
        _inFlight[ready.ProfileId] = ready.Update;
        return (unchanged, ready, null);
    }

    /// <summary>The station answered the frame of <paramref name="profileId"/>; an accepted one becomes what it holds.</summary>
    public void Answered(int profileId, bool accepted, string? resultJson)
    {
        if (_inFlight.Remove(profileId, out var sent) && accepted && resultJson is not null) _held[profileId] = (sent, resultJson);
    }

    /// <summary>The profile was (re)installed or cleared: what the station held for it no longer counts.</summary>
    public void Forget(int profileId) => _held.Remove(profileId);

    /// <summary>The station went offline: every waiting update is handed back to be answered as not sent.</summary>
    public List<QueuedSetpoint<TRequester>> DrainWaiting()
    {
        var drained = _waiting.Values.ToList();
        _waiting.Clear();
        return drained;
    }

    private bool Moves(ChargingScheduleUpdateType held, ChargingScheduleUpdateType next) =>
        Differs(held.Setpoint, next.Setpoint) || Differs(held.SetpointReactive, next.SetpointReactive)
        || held.Limit != next.Limit || held.DischargeLimit != next.DischargeLimit
        || held.LimitL2 != next.LimitL2 || held.LimitL3 != next.LimitL3
        || held.DischargeLimitL2 != next.DischargeLimitL2 || held.DischargeLimitL3 != next.DischargeLimitL3
        || Differs(held.SetpointL2, next.SetpointL2) || Differs(held.SetpointL3, next.SetpointL3);

    private bool Differs(decimal? a, decimal? b) =>
        a is { } x && b is { } y ? Math.Abs(x - y) >= pacing.MinimumChange : a != b;
}
