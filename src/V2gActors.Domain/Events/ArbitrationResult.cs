namespace V2gActors.Domain.Events;

/// <summary>Who governs one control mode right now.</summary>
public abstract record ControlSource(string ProgramId);

/// <summary>An active event governs the mode.</summary>
public sealed record EventControlSource(string Mrid, string ProgramId) : ControlSource(ProgramId);

/// <summary>No event governs the mode, so the program's DefaultDERControl does.</summary>
public sealed record DefaultControlSource(string ProgramId) : ControlSource(ProgramId);

/// <summary>A status change of one event that the device must report as a Response.</summary>
public sealed record EventTransition(string Mrid, string ProgramId, ResponseStatus Status);

/// <summary>The arbiter's answer for one device at one instant.</summary>
public sealed record ArbitrationResult(
    IReadOnlyDictionary<DerControlMode, ControlSource> ActiveModes,
    IReadOnlyList<EventTransition> Transitions,
    EventLedger Ledger)
{
    /// <summary>The events in force now (each governs at least one mode).</summary>
    public IReadOnlyList<string> ActiveEventMrids =>
        ActiveModes.Values.OfType<EventControlSource>().Select(s => s.Mrid).Distinct().Order(StringComparer.Ordinal).ToList();

    public bool IsDefaultOnly => ActiveModes.Values.All(s => s is DefaultControlSource);
}
