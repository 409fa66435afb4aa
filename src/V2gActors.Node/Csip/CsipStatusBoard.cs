using System.Collections.Concurrent;
using V2gActors.Domain.Events;

namespace V2gActors.Node.Csip;

/// <summary>What one fleet's CSIP link looks like right now, for summary lines and operators.</summary>
public sealed record CsipFleetStatus(
    string FleetId,
    string? EndDevice,
    bool Connected,
    IReadOnlyList<string> ActiveControls,
    IReadOnlyList<string> ActiveEvents,
    IReadOnlyDictionary<ResponseStatus, int> ResponsesPosted,
    DateTimeOffset? LastReportAt,
    string? LastError)
{
    public static CsipFleetStatus Initial(string fleetId) =>
        new(fleetId, null, false, [], [], new Dictionary<ResponseStatus, int>(), null, null);

    public override string ToString()
    {
        var controls = ActiveControls.Count == 0 ? "none" : string.Join("; ", ActiveControls);
        var responses = string.Join(" ", ResponsesPosted.OrderBy(r => r.Key).Select(r => $"{Short(r.Key)}={r.Value}"));
        return $"{FleetId} {(Connected ? EndDevice : "connecting")} | active grid control: {controls} | events {ActiveEvents.Count}" +
               $" | responses {(responses.Length == 0 ? "-" : responses)}{(LastError is null ? "" : $" | last error: {LastError}")}";
    }

    private static string Short(ResponseStatus s) => s switch
    {
        ResponseStatus.EventReceived => "received",
        ResponseStatus.EventStarted => "started",
        ResponseStatus.EventCompleted => "completed",
        ResponseStatus.EventCancelled => "cancelled",
        ResponseStatus.EventSuperseded => "superseded",
        ResponseStatus.EventNotApplicable => "not-applicable",
        ResponseStatus.EventInvalid => "invalid",
        ResponseStatus.EventExpired => "expired",
        _ => ((byte)s).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The CSIP adapters write their fleet's status here; the demo summary and tests read it.</summary>
public sealed class CsipStatusBoard
{
    private readonly ConcurrentDictionary<string, CsipFleetStatus> _fleets = new(StringComparer.Ordinal);

    public void Update(string fleetId, Func<CsipFleetStatus, CsipFleetStatus> change) =>
        _fleets.AddOrUpdate(fleetId, id => change(CsipFleetStatus.Initial(id)), (_, old) => change(old));

    public IReadOnlyList<CsipFleetStatus> Fleets => _fleets.Values.OrderBy(f => f.FleetId, StringComparer.Ordinal).ToList();
}
