using System.Collections.Immutable;
using System.Text;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.Der;

/// <summary>
/// The CSMS side of the charger→CSMS DER and priority-charging messages (NotifyDERAlarm, NotifyDERStartStop,
/// ReportDERControl, NotifyPriorityCharging): each is journaled, then acknowledged. Pure, like <see cref="ChargerCallHandler"/>.
/// </summary>
public static class DerCallHandler
{
    /// <summary>The decision for a DER message; null when <paramref name="request"/> is not one.</summary>
    public static ChargerCallDecision? Handle(object request, DateTimeOffset now) => request switch
    {
        NotifyDERAlarmRequest r => ChargerCallDecision.PersistThenReply(new NotifyDERAlarmResponse(),
            new DerAlarmNotified(OcppText.Of(r.ControlType), OcppText.Of(r.GridEventFault), r.AlarmEnded ?? false, r.Timestamp, r.ExtraInfo)),
        NotifyDERStartStopRequest r => ChargerCallDecision.PersistThenReply(new NotifyDERStartStopResponse(),
            new DerStartStopNotified(r.ControlId, r.Started, r.Timestamp, [.. r.SupersededIds ?? []])),
        ReportDERControlRequest r => ChargerCallDecision.PersistThenReply(new ReportDERControlResponse(),
            new DerControlsReported(r.RequestId, Reported(r), r.Tbc ?? false)),
        NotifyPriorityChargingRequest r => ChargerCallDecision.PersistThenReply(new NotifyPriorityChargingResponse(),
            new PriorityChargingNotified(r.TransactionId, r.Activated, now)),
        _ => null,
    };

    /// <summary>
    /// The events a completed CSMS→charger DER command leaves behind: an Accepted SetDERControl becomes an active control,
    /// an Accepted ClearDERControl removes the matching ones. Anything else (Rejected, NotSupported, errors) changes nothing.
    /// </summary>
    public static ImmutableArray<IChargerEvent> EventsFor(string action, string requestJson, ChargerCommandCompleted completed, DateTimeOffset now)
    {
        if (!completed.Succeeded || completed.ResultJson is not { } result) return [];
        switch (action)
        {
            case "SetDERControl":
                var set = Decode<SetDERControlRequest>(requestJson);
                var setAnswer = Decode<SetDERControlResponse>(result);
                return setAnswer.Status != DERControlStatusEnumType.Accepted ? []
                    : [new DerControlSet(now, set.ControlId, OcppText.Of(set.ControlType), set.IsDefault, requestJson, [.. setAnswer.SupersededIds ?? []])];
            case "ClearDERControl":
                var clear = Decode<ClearDERControlRequest>(requestJson);
                return Decode<ClearDERControlResponse>(result).Status != DERControlStatusEnumType.Accepted ? []
                    : [new DerControlsCleared(now, clear.IsDefault, OcppText.Of(clear.ControlType), clear.ControlId)];
            default:
                return [];
        }
    }

    /// <summary>Actions whose answers <see cref="EventsFor"/> turns into state.</summary>
    public static bool Tracks(string action) => action is "SetDERControl" or "ClearDERControl";

    private static T Decode<T>(string json) => OcppPayloadCodec.Decode<T>(Encoding.UTF8.GetBytes(json));

    private static ImmutableArray<ReportedDerControl> Reported(ReportDERControlRequest r) =>
    [
        .. (r.Curve ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(c.CurveType), c.IsDefault, c.IsSuperseded)),
        .. (r.EnterService ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(DERControlEnumType.EnterService), false, false)),
        .. (r.FixedPFAbsorb ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(DERControlEnumType.FixedPFAbsorb), c.IsDefault, c.IsSuperseded)),
        .. (r.FixedPFInject ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(DERControlEnumType.FixedPFInject), c.IsDefault, c.IsSuperseded)),
        .. (r.FixedVar ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(DERControlEnumType.FixedVar), c.IsDefault, c.IsSuperseded)),
        .. (r.FreqDroop ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(DERControlEnumType.FreqDroop), c.IsDefault, c.IsSuperseded)),
        .. (r.Gradient ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(DERControlEnumType.Gradients), false, false)),
        .. (r.LimitMaxDischarge ?? []).Select(c => new ReportedDerControl(c.Id, OcppText.Of(DERControlEnumType.LimitMaxDischarge), c.IsDefault, c.IsSuperseded)),
    ];
}
