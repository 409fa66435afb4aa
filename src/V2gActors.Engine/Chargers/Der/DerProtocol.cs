using System.Collections.Immutable;
using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Chargers.Der;

/// <summary>Asks a charger entity for its <see cref="DerStateView"/>.</summary>
public sealed record GetDerState(string StationId) : IChargerCommand;

/// <summary>The DER controls a station accepted (superseded ones flagged), its open and recent alarms, its last report.</summary>
public sealed record DerStateView(
    string StationId,
    ImmutableArray<ActiveDerControl> Controls,
    ImmutableArray<DerAlarmNotified> OpenAlarms,
    ImmutableArray<DerAlarmNotified> RecentAlarms,
    int? ReportRequestId,
    ImmutableArray<ReportedDerControl> Reported,
    ImmutableArray<string> PriorityChargingTransactions) : IV2gSerializable
{
    public static DerStateView Of(string stationId, DerState state) => new(
        stationId,
        [.. state.ActiveByType().Values.SelectMany(c => c), .. state.Controls.Values.Where(c => c.IsSuperseded).OrderBy(c => c.ControlId)],
        [.. state.OpenAlarms.Values.OrderBy(a => a.Timestamp)],
        [.. state.RecentAlarms],
        state.ReportRequestId,
        state.Reported,
        [.. state.PriorityCharging.Keys.Order(StringComparer.Ordinal)]);

    /// <summary>The controls in force for one control type (schema spelling, e.g. "VoltVar").</summary>
    public ImmutableArray<ActiveDerControl> Active(string controlType) =>
        [.. Controls.Where(c => c.ControlType == controlType && !c.IsSuperseded)];
}
