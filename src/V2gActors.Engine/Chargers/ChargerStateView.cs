using System.Collections.Immutable;
using V2gActors.Engine.Serialization;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// What a CLI, demo or test sees of one charger: the durable state summarised (the device model only counted)
/// plus the connection facts the entity holds in memory.
/// </summary>
public sealed record ChargerStateView(
    string StationId,
    bool Connected,
    string? ConnectionId,
    OcppVersion? Version,
    ChargingStationInfo? Station,
    RegistrationStatus? Registration,
    DateTimeOffset? LastBootAt,
    DateTimeOffset? LastHeartbeatAt,
    int HeartbeatIntervalSeconds,
    ImmutableArray<ConnectorState> Connectors,
    ImmutableArray<TransactionState> OpenTransactions,
    ImmutableArray<TransactionState> ClosedTransactions,
    ImmutableDictionary<int, ImmutableArray<MeterSample>> LatestMeterValuesByEvse,
    int DeviceModelVariableCount,
    int RecentEventCount,
    int SecurityEventCount,
    long JournalSequenceNr) : IV2gSerializable;
