using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Sessions;

/// <summary>
/// Sender → session: push every setpoint the fleet gives this session to the sender (an ISO 15118-20 SECC session on
/// whichever node holds the EV's connection), starting with the one held now. The charge loop then answers from the
/// pushed value in memory and never asks the entity. Idempotent: watchers re-send it now and then, so a session entity
/// that passivated or moved with its shard picks its watchers up again.
/// </summary>
public sealed record WatchSessionSetpoint(string SessionId) : ISessionCommand;

/// <summary>Sender → session: stop pushing setpoints to the sender.</summary>
public sealed record UnwatchSessionSetpoint(string SessionId) : ISessionCommand;

/// <summary>
/// Session → watcher: the setpoint the session holds now (import positive, W). <paramref name="DispatchId"/> is null
/// when nothing has been dispatched to the session yet (then <paramref name="SetpointW"/> is 0).
/// </summary>
public sealed record SessionSetpointChanged(string SessionId, string? DispatchId, double SetpointW, DateTimeOffset At) : IV2gSerializable;

// EndVehicleSession (SessionStop, or the EV's connection ended) lives in SessionLifecycle.cs.
