namespace V2gActors.Engine.Chargers;

/// <summary>
/// Summaries published on the local <c>EventStream</c> of the node hosting the entity, after the underlying event
/// was journaled. Local only (they never cross nodes), so they are not <c>IV2gSerializable</c>.
/// Subscribe with <c>system.EventStream.Subscribe(actor, typeof(ChargerNotice))</c>.
/// </summary>
public abstract record ChargerNotice(string StationId);

public sealed record ChargerBootNotice(string StationId, string Model, string VendorName, RegistrationStatus Status)
    : ChargerNotice(StationId);

public sealed record ChargerConnectivityNotice(string StationId, bool Connected, string ConnectionId) : ChargerNotice(StationId);

public sealed record ConnectorStatusNotice(string StationId, int EvseId, int ConnectorId, string Status) : ChargerNotice(StationId);

public sealed record TransactionStartedNotice(string StationId, string TransactionId, int? EvseId, string? IdToken)
    : ChargerNotice(StationId);

public sealed record TransactionEndedNotice(string StationId, string TransactionId, string? StoppedReason, double? EnergyWh)
    : ChargerNotice(StationId);

/// <summary>Latest power and energy register of one EVSE (W and Wh, when the charger reported them).</summary>
public sealed record MeterValuesNotice(string StationId, int EvseId, double? PowerW, double? EnergyWh) : ChargerNotice(StationId);

public sealed record DeviceModelNotice(string StationId, int RequestId, int VariableCount) : ChargerNotice(StationId);
