using System.Collections.Immutable;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Engine.Chargers.Der;
using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Chargers;

public sealed record ConnectorState(int EvseId, int ConnectorId, string Status, DateTimeOffset Since);

public sealed record TransactionState(
    string TransactionId,
    int? EvseId,
    int? ConnectorId,
    string? IdToken,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? ChargingState,
    string? StoppedReason,
    int LastSeqNo,
    ImmutableHashSet<int> SeenSeqNos,
    ImmutableArray<MeterSample> LatestMeterValues)
{
    public bool IsOpen => EndedAt is null;
}

/// <summary>
/// The durable state of one charger: everything here is rebuilt from the journal (or a snapshot of this record).
/// Pure: <see cref="Apply"/> has no side effects, so the domain logic is testable without an actor system.
/// Connection facts (which socket, last heartbeat) are deliberately not here: they die with the socket.
/// </summary>
public sealed record ChargerState(
    ChargingStationInfo? Station,
    RegistrationStatus? Registration,
    DateTimeOffset? LastBootAt,
    int HeartbeatIntervalSeconds,
    ImmutableDictionary<string, ConnectorState> Connectors,
    ImmutableDictionary<string, TransactionState> OpenTransactions,
    ImmutableList<TransactionState> ClosedTransactions,
    ImmutableDictionary<int, ImmutableArray<MeterSample>> LatestMeterValuesByEvse,
    int? DeviceModelRequestId,
    ImmutableArray<DeviceVariable> DeviceModel,
    ImmutableDictionary<int, ImmutableArray<DeviceVariable>> PendingReports,
    ImmutableList<ReportedEvent> RecentEvents,
    ImmutableList<SecurityEventReceived> RecentSecurityEvents) : IV2gSerializable
{
    /// <summary>Charging profiles the station accepted (smart charging); outside the positional list so older snapshots still read.</summary>
    public ChargingProfileBook Profiles { get; init; } = ChargingProfileBook.Empty;

    /// <summary>Closed transactions kept for queries and duplicate detection; older ones live only in the journal.</summary>
    public const int ClosedTransactionsKept = 100;

    /// <summary>NotifyEvent/SecurityEventNotification entries kept for queries.</summary>
    public const int RecentEventsKept = 50;

    public static ChargerState Empty { get; } = new(
        Station: null,
        Registration: null,
        LastBootAt: null,
        HeartbeatIntervalSeconds: 0,
        Connectors: ImmutableDictionary<string, ConnectorState>.Empty,
        OpenTransactions: ImmutableDictionary<string, TransactionState>.Empty,
        ClosedTransactions: ImmutableList<TransactionState>.Empty,
        LatestMeterValuesByEvse: ImmutableDictionary<int, ImmutableArray<MeterSample>>.Empty,
        DeviceModelRequestId: null,
        DeviceModel: ImmutableArray<DeviceVariable>.Empty,
        PendingReports: ImmutableDictionary<int, ImmutableArray<DeviceVariable>>.Empty,
        RecentEvents: ImmutableList<ReportedEvent>.Empty,
        RecentSecurityEvents: ImmutableList<SecurityEventReceived>.Empty);

    /// <summary>DER controls, alarms and priority charging (Der/DerState.cs).</summary>
    public DerState Der { get; init; } = DerState.Empty;

    public static string ConnectorKey(int evseId, int connectorId) => $"{evseId}/{connectorId}";

    /// <summary>True when this (transactionId, seqNo) pair was already journaled: the retry must not be stored twice.</summary>
    public bool HasSeen(string transactionId, int seqNo) =>
        OpenTransactions.TryGetValue(transactionId, out var open) ? open.SeenSeqNos.Contains(seqNo)
        : ClosedTransactions.Find(t => t.TransactionId == transactionId) is { } closed && closed.SeenSeqNos.Contains(seqNo);

    public TransactionState? FindTransaction(string transactionId) =>
        OpenTransactions.TryGetValue(transactionId, out var open) ? open
        : ClosedTransactions.Find(t => t.TransactionId == transactionId);

    public ChargerState Apply(IChargerEvent @event) => @event switch
    {
        ChargerBooted e => this with
        {
            Station = e.Station,
            Registration = e.Status,
            LastBootAt = e.At,
            HeartbeatIntervalSeconds = e.HeartbeatIntervalSeconds,
        },
        ConnectorStatusChanged e => this with
        {
            Connectors = Connectors.SetItem(ConnectorKey(e.EvseId, e.ConnectorId), new ConnectorState(e.EvseId, e.ConnectorId, e.Status, e.At)),
        },
        TransactionEventRecorded e => ApplyTransactionEvent(e) with { Profiles = Profiles.AfterTransactionEvent(e) },
        MeterValuesRecorded e => this with { LatestMeterValuesByEvse = LatestMeterValuesByEvse.SetItem(e.EvseId, e.Samples) },
        ChargerEventsNotified e => this with { RecentEvents = KeepLast(RecentEvents.AddRange(e.Events), RecentEventsKept) },
        SecurityEventReceived e => this with { RecentSecurityEvents = KeepLast(RecentSecurityEvents.Add(e), RecentEventsKept) },
        DeviceModelPartReceived e => this with
        {
            PendingReports = PendingReports.SetItem(
                e.RequestId,
                PendingReports.TryGetValue(e.RequestId, out var parts) ? parts.AddRange(e.Variables) : e.Variables),
        },
        DeviceModelReported e => this with
        {
            DeviceModelRequestId = e.RequestId,
            DeviceModel = e.Variables,
            PendingReports = PendingReports.Remove(e.RequestId),
        },
        IChargingProfileEvent e => this with { Profiles = Profiles.Apply(e) },
        IDerEvent e => this with { Der = Der.Apply(e) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown charger event"),
    };

    private ChargerState ApplyTransactionEvent(TransactionEventRecorded e)
    {
        var existing = FindTransaction(e.TransactionId);
        var meter = e.MeterValues.IsDefaultOrEmpty ? existing?.LatestMeterValues ?? ImmutableArray<MeterSample>.Empty : e.MeterValues;
        var tx = existing is null
            ? new TransactionState(e.TransactionId, e.EvseId, e.ConnectorId, e.IdToken, e.Timestamp, null, e.ChargingState,
                null, e.SeqNo, ImmutableHashSet.Create(e.SeqNo), meter)
            : existing with
            {
                EvseId = e.EvseId ?? existing.EvseId,
                ConnectorId = e.ConnectorId ?? existing.ConnectorId,
                IdToken = e.IdToken ?? existing.IdToken,
                ChargingState = e.ChargingState ?? existing.ChargingState,
                LastSeqNo = Math.Max(existing.LastSeqNo, e.SeqNo),
                SeenSeqNos = existing.SeenSeqNos.Add(e.SeqNo),
                LatestMeterValues = meter,
            };

        var ended = e.EventType == TransactionEventTypes.Ended;
        if (!ended && tx.IsOpen)
            return this with { OpenTransactions = OpenTransactions.SetItem(tx.TransactionId, tx) };

        if (ended && tx.IsOpen) tx = tx with { EndedAt = e.Timestamp, StoppedReason = e.StoppedReason };
        var closed = ClosedTransactions.RemoveAll(t => t.TransactionId == tx.TransactionId).Add(tx);
        return this with
        {
            OpenTransactions = OpenTransactions.Remove(tx.TransactionId),
            ClosedTransactions = KeepLast(closed, ClosedTransactionsKept),
        };
    }

    private static ImmutableList<T> KeepLast<T>(ImmutableList<T> list, int count) =>
        list.Count <= count ? list : list.RemoveRange(0, list.Count - count);
}

/// <summary>OCPP TransactionEventEnumType values, as journaled.</summary>
public static class TransactionEventTypes
{
    public const string Started = "Started";
    public const string Updated = "Updated";
    public const string Ended = "Ended";
}
