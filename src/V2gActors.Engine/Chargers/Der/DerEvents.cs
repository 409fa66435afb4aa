using System.Collections.Immutable;

namespace V2gActors.Engine.Chargers.Der;

/// <summary>A DER fact the charger entity journals; <see cref="DerState.Apply"/> folds it.</summary>
public interface IDerEvent : IChargerEvent;

/// <summary>
/// The station accepted SetDERControl. <paramref name="RequestJson"/> is the request as sent (the settings object
/// included), so the control can be shown or re-sent exactly; <paramref name="SupersededIds"/> came with the answer.
/// </summary>
public sealed record DerControlSet(
    DateTimeOffset At,
    string ControlId,
    string ControlType,
    bool IsDefault,
    string RequestJson,
    ImmutableArray<string> SupersededIds) : IDerEvent;

/// <summary>The station accepted ClearDERControl with this filter (null = any).</summary>
public sealed record DerControlsCleared(DateTimeOffset At, bool IsDefault, string? ControlType, string? ControlId) : IDerEvent;

/// <summary>NotifyDERAlarm: a grid event fault started (or ended) while a control of this type was active.</summary>
public sealed record DerAlarmNotified(
    string ControlType,
    string? GridEventFault,
    bool AlarmEnded,
    DateTimeOffset Timestamp,
    string? ExtraInfo) : IDerEvent;

/// <summary>NotifyDERStartStop: a scheduled control started or stopped at the station.</summary>
public sealed record DerStartStopNotified(
    string ControlId,
    bool Started,
    DateTimeOffset Timestamp,
    ImmutableArray<string> SupersededIds) : IDerEvent;

/// <summary>One control as the station listed it in ReportDERControl.</summary>
public sealed record ReportedDerControl(string ControlId, string ControlType, bool IsDefault, bool IsSuperseded);

/// <summary>One ReportDERControl part; parts of one request id accumulate, a new request id starts over.</summary>
public sealed record DerControlsReported(int RequestId, ImmutableArray<ReportedDerControl> Controls, bool Tbc) : IDerEvent;

/// <summary>NotifyPriorityCharging: priority charging was (de)activated for a transaction at the station.</summary>
public sealed record PriorityChargingNotified(string TransactionId, bool Activated, DateTimeOffset At) : IDerEvent;
