using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Credentials;

public interface IStationCredentialEvent : IV2gSerializable;

/// <summary>A new password was generated and is about to be sent; only its hash is kept.</summary>
public sealed record StationPasswordRotationStarted(string PendingHash, DateTimeOffset At) : IStationCredentialEvent;

/// <summary>The station accepted the pending password (or authenticated with it): it is the only one from now on.</summary>
public sealed record StationPasswordRotated(DateTimeOffset At) : IStationCredentialEvent;

/// <summary>The station refused the new password or could not be reached; the current one stays.</summary>
public sealed record StationPasswordRotationAbandoned(string Reason, DateTimeOffset At) : IStationCredentialEvent;

/// <summary>Durable credential state of one station (pure; applied on recovery and after each persist).</summary>
public sealed record StationCredentialState(string? CurrentHash, string? PendingHash, DateTimeOffset? RotatedAt)
{
    public static StationCredentialState Empty { get; } = new(null, null, null);

    public StationCredentialState Apply(IStationCredentialEvent e) => e switch
    {
        StationPasswordRotationStarted s => this with { PendingHash = s.PendingHash },
        StationPasswordRotated r when PendingHash is not null => new(PendingHash, null, r.At),
        StationPasswordRotationAbandoned => this with { PendingHash = null },
        _ => this,
    };
}
