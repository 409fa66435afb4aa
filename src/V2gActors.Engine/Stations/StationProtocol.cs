using System.Collections.Immutable;
using Akka.Actor;
using V2gActors.Engine.Serialization;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Stations;

/// <summary>Anything addressed to one station-dispatch entity; the shard extractor routes by <see cref="StationId"/>.</summary>
public interface IStationCommand : IV2gSerializable
{
    string StationId { get; }
}

/// <summary>
/// Fleet → station: the station now belongs to <paramref name="FleetId"/> (null: to no fleet, but only if it still belongs
/// to <paramref name="FromFleetId"/>, so a late removal cannot undo a newer assignment). Idempotent; answered with
/// <see cref="StationAssigned"/>.
/// </summary>
public sealed record AssignStation(string StationId, string? FleetId, string? FromFleetId = null) : IStationCommand;

public sealed record StationAssigned(string StationId, string? FleetId) : IV2gSerializable;

/// <summary>
/// Charger entity → station: a NotifyEVChargingNeeds or NotifyEVChargingSchedule CALL (validated, raw payload) that the
/// station entity answers itself through <paramref name="Connection"/> once the vehicle session has it durably.
/// <paramref name="TransactionId"/> is the transaction open on that EVSE, when there is one.
/// </summary>
public sealed record StationCallForwarded(
    string StationId,
    OcppVersion Version,
    string MessageId,
    string Action,
    byte[] Payload,
    int EvseId,
    string? TransactionId,
    IActorRef Connection) : IStationCommand;

/// <summary>Relay → station: the metered net power of one EVSE (W, import positive).</summary>
public sealed record StationMeterReading(string StationId, int EvseId, double PowerW, DateTimeOffset At) : IStationCommand;

/// <summary>Relay → station: a transaction ended, so the vehicle session bound to it ends and leaves its fleet.</summary>
public sealed record StationTransactionEnded(string StationId, string TransactionId, string? Reason, DateTimeOffset At) : IStationCommand;

public sealed record GetStationDispatchState(string StationId) : IStationCommand;

/// <summary>The vehicle session open on one EVSE of a station.</summary>
public sealed record StationSession(int EvseId, string SessionId, string? TransactionId);

public sealed record StationDispatchView(string StationId, string? FleetId, ImmutableArray<StationSession> Sessions, long SequenceNr)
    : IV2gSerializable;

/// <summary>Passivation and shard hand-off stop message.</summary>
public sealed record StopStationDispatch : IV2gSerializable
{
    public static StopStationDispatch Instance { get; } = new();
}

// ---- events -------------------------------------------------------------------------------------------------------

public interface IStationEvent : IV2gSerializable;

public sealed record StationFleetAssigned(string? FleetId, DateTimeOffset At) : IStationEvent;

public sealed record StationSessionOpened(StationSession Session, DateTimeOffset At) : IStationEvent;

public sealed record StationSessionClosed(string SessionId, string? Reason, DateTimeOffset At) : IStationEvent;

/// <summary>Which fleet a station belongs to and the sessions open on its EVSEs. Pure.</summary>
public sealed record StationDispatchState(string? FleetId, ImmutableDictionary<int, StationSession> Sessions)
{
    public static StationDispatchState Empty { get; } = new(null, ImmutableDictionary<int, StationSession>.Empty);

    public StationDispatchState Apply(IStationEvent e) => e switch
    {
        StationFleetAssigned a => this with { FleetId = a.FleetId },
        StationSessionOpened o => this with { Sessions = Sessions.SetItem(o.Session.EvseId, o.Session) },
        StationSessionClosed c => this with { Sessions = Sessions.RemoveRange(Sessions.Where(s => s.Value.SessionId == c.SessionId).Select(s => s.Key)) },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown station event"),
    };

    public StationSession? SessionOfTransaction(string transactionId) =>
        Sessions.Values.FirstOrDefault(s => s.TransactionId == transactionId);

    /// <summary>
    /// The session a charging-needs update on <paramref name="evseId"/> belongs to: the one already open there for the same
    /// transaction, else a new one (<paramref name="replaced"/> is then the session it supersedes on that EVSE, if any).
    /// Session ids are <c>{station}:{transaction}</c>, or <c>{station}:{evse}:{messageId}</c> before a transaction exists.
    /// </summary>
    public StationSession SessionFor(string stationId, int evseId, string? transactionId, string messageId, out StationSession? replaced)
    {
        replaced = null;
        if (Sessions.TryGetValue(evseId, out var open))
        {
            if (open.TransactionId == transactionId) return open;
            if (open.TransactionId is null && transactionId is not null) return open with { TransactionId = transactionId };
            replaced = open;
        }
        var id = transactionId is not null ? $"{stationId}:{transactionId}" : $"{stationId}:{evseId}:{messageId}";
        return new StationSession(evseId, id, transactionId);
    }
}
