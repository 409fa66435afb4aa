using V2gActors.Domain.Events;

namespace V2gActors.Ieee2030_5.Aggregator;

/// <summary>What the fleet made of an event that the arbiter started.</summary>
public enum FleetOutcome
{
    /// <summary>Chargers acknowledged the dispatch carrying it (or the fleet already held what it asks).</summary>
    Applied,

    /// <summary>Nothing in the fleet can follow it (no vehicle plugged in).</summary>
    NotApplicable,

    /// <summary>It cannot be carried out: every charger refused, or the control itself is unusable.</summary>
    Infeasible,
}

/// <summary>One Response to post, in order.</summary>
public sealed record ResponseToPost(string Mrid, ResponseStatus Status);

/// <summary>
/// Decides which event Responses an aggregator posts, and when, from two sources of truth: the arbiter (time,
/// cancellation, supersession) and the fleet (did the chargers take it). "Received" goes out on arrival; "started"
/// only once the fleet reported <see cref="FleetOutcome.Applied"/> after the arbiter started the event; "completed" at
/// the end; a rejection (252 not applicable, 253 invalid) instead of "started" when the fleet cannot follow; and the
/// arbiter's terminal statuses (cancelled, superseded, expired) as they come. Every event gets each status at most
/// once and nothing after a terminal one. Pure: the owner posts what it is handed, in order.
/// </summary>
public sealed class EventResponsePlan
{
    private enum Phase { Received, AwaitingFleet, Started, Finished }

    private readonly Dictionary<string, Phase> _events = new(StringComparer.Ordinal);

    /// <summary>Events the arbiter started whose fleet outcome is still open.</summary>
    public IReadOnlyList<string> AwaitingFleet =>
        _events.Where(e => e.Value == Phase.AwaitingFleet).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();

    public bool IsStarted(string mrid) => _events.GetValueOrDefault(mrid) == Phase.Started;

    /// <summary>Folds in the arbiter's transitions (oldest first) and returns the Responses they release.</summary>
    public IReadOnlyList<ResponseToPost> OnTransitions(IEnumerable<EventTransition> transitions)
    {
        var posts = new List<ResponseToPost>();
        foreach (var t in transitions)
        {
            var known = _events.TryGetValue(t.Mrid, out var phase);
            if (known && phase == Phase.Finished) continue;
            if (!known && t.Status != ResponseStatus.EventExpired)
            {
                posts.Add(new ResponseToPost(t.Mrid, ResponseStatus.EventReceived));
                _events[t.Mrid] = phase = Phase.Received;
            }
            switch (t.Status)
            {
                case ResponseStatus.EventReceived:
                    break;
                case ResponseStatus.EventStarted:
                    if (phase == Phase.Received) _events[t.Mrid] = Phase.AwaitingFleet;
                    break;
                default:
                    posts.Add(new ResponseToPost(t.Mrid, t.Status));
                    _events[t.Mrid] = Phase.Finished;
                    break;
            }
        }
        return posts;
    }

    /// <summary>The fleet's outcome for an event awaiting it; anything else (late, unknown, finished) releases nothing.</summary>
    public IReadOnlyList<ResponseToPost> OnFleetOutcome(string mrid, FleetOutcome outcome)
    {
        if (_events.GetValueOrDefault(mrid, Phase.Finished) != Phase.AwaitingFleet) return [];
        var (status, next) = outcome switch
        {
            FleetOutcome.Applied => (ResponseStatus.EventStarted, Phase.Started),
            FleetOutcome.NotApplicable => (ResponseStatus.EventNotApplicable, Phase.Finished),
            _ => (ResponseStatus.EventInvalid, Phase.Finished),
        };
        _events[mrid] = next;
        return [new ResponseToPost(mrid, status)];
    }
}
