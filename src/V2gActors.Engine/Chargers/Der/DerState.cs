using System.Collections.Immutable;

namespace V2gActors.Engine.Chargers.Der;

/// <summary>A control the station accepted and has not cleared.</summary>
public sealed record ActiveDerControl(
    string ControlId,
    string ControlType,
    bool IsDefault,
    DateTimeOffset AcceptedAt,
    string RequestJson,
    bool IsSuperseded,
    bool? Started);

/// <summary>
/// What the CSMS knows about one station's DER controls: the controls it accepted (by id, grouped per type by
/// <see cref="ActiveByType"/>), the alarms the station raised, its latest ReportDERControl and priority charging per
/// transaction. Pure and part of the charger snapshot.
/// </summary>
public sealed record DerState(
    ImmutableDictionary<string, ActiveDerControl> Controls,
    ImmutableDictionary<string, DerAlarmNotified> OpenAlarms,
    ImmutableList<DerAlarmNotified> RecentAlarms,
    int? ReportRequestId,
    ImmutableArray<ReportedDerControl> Reported,
    ImmutableDictionary<string, bool> PriorityCharging)
{
    /// <summary>Alarms kept for queries; older ones live only in the journal.</summary>
    public const int RecentAlarmsKept = 50;

    public static DerState Empty { get; } = new(
        ImmutableDictionary<string, ActiveDerControl>.Empty,
        ImmutableDictionary<string, DerAlarmNotified>.Empty,
        ImmutableList<DerAlarmNotified>.Empty,
        null,
        ImmutableArray<ReportedDerControl>.Empty,
        ImmutableDictionary<string, bool>.Empty);

    /// <summary>The controls in force per control type (superseded ones left out), highest priority first by id.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<ActiveDerControl>> ActiveByType() =>
        Controls.Values.Where(c => !c.IsSuperseded)
            .GroupBy(c => c.ControlType)
            .ToImmutableSortedDictionary(g => g.Key, g => g.OrderBy(c => c.ControlId, StringComparer.Ordinal).ToImmutableArray());

    public DerState Apply(IDerEvent @event) => @event switch
    {
        DerControlSet e => this with
        {
            Controls = Supersede(Controls, e.SupersededIds).SetItem(e.ControlId,
                new ActiveDerControl(e.ControlId, e.ControlType, e.IsDefault, e.At, e.RequestJson, IsSuperseded: false, Started: null)),
        },
        DerControlsCleared e => this with
        {
            Controls = Controls.RemoveRange(Controls.Values
                .Where(c => c.IsDefault == e.IsDefault
                            && (e.ControlType is null || c.ControlType == e.ControlType)
                            && (e.ControlId is null || c.ControlId == e.ControlId))
                .Select(c => c.ControlId)),
        },
        DerAlarmNotified e => this with
        {
            OpenAlarms = e.AlarmEnded ? OpenAlarms.Remove(AlarmKey(e)) : OpenAlarms.SetItem(AlarmKey(e), e),
            RecentAlarms = KeepLast(RecentAlarms.Add(e)),
        },
        DerStartStopNotified e => this with
        {
            Controls = Supersede(Controls, e.SupersededIds) is var controls && controls.TryGetValue(e.ControlId, out var control)
                ? controls.SetItem(e.ControlId, control with { Started = e.Started })
                : controls,
        },
        DerControlsReported e => this with
        {
            ReportRequestId = e.RequestId,
            Reported = e.RequestId == ReportRequestId ? Reported.AddRange(e.Controls) : e.Controls,
        },
        PriorityChargingNotified e => this with
        {
            PriorityCharging = e.Activated ? PriorityCharging.SetItem(e.TransactionId, true) : PriorityCharging.Remove(e.TransactionId),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown DER event"),
    };

    private static string AlarmKey(DerAlarmNotified e) => $"{e.ControlType}/{e.GridEventFault}";

    private static ImmutableDictionary<string, ActiveDerControl> Supersede(
        ImmutableDictionary<string, ActiveDerControl> controls, ImmutableArray<string> ids)
    {
        if (ids.IsDefaultOrEmpty) return controls;
        foreach (var id in ids)
            if (controls.TryGetValue(id, out var c)) controls = controls.SetItem(id, c with { IsSuperseded = true });
        return controls;
    }

    private static ImmutableList<DerAlarmNotified> KeepLast(ImmutableList<DerAlarmNotified> list) =>
        list.Count <= RecentAlarmsKept ? list : list.RemoveRange(0, list.Count - RecentAlarmsKept);
}
