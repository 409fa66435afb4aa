using Akka.Actor;
using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Credentials;

/// <summary>Anything addressed to one station's credential entity; sharded by <see cref="StationId"/>.</summary>
public interface IStationCredentialCommand : IV2gSerializable
{
    string StationId { get; }
}

/// <summary>
/// Rotate the station's Basic-auth password (OCPP 2.x A01): a fresh random password is sent with SetVariables
/// (SecurityCtrlr.BasicAuthPassword); only its hash is journaled. Answered with <see cref="StationPasswordRotationEnded"/>
/// at <paramref name="ReplyTo"/> or the sender. The plaintext never leaves the entity except in that one frame.
/// </summary>
public sealed record RotateStationPassword(string StationId, IActorRef? ReplyTo = null) : IStationCredentialCommand;

public sealed record StationPasswordRotationEnded(string StationId, bool Rotated, string Reason) : IV2gSerializable;

/// <summary>Asks for the hashes the station may authenticate with now (<see cref="StationCredentialsView"/>).</summary>
public sealed record GetStationCredentials(string StationId) : IStationCredentialCommand;

/// <summary>
/// <paramref name="CurrentHash"/> null means "never rotated: the configured credential applies".
/// <paramref name="PendingHash"/> is a password sent but not yet confirmed; it is accepted too, so a station that took
/// it just before a crash can still connect (and its connection confirms it).
/// </summary>
public sealed record StationCredentialsView(
    string StationId, string? CurrentHash, string? PendingHash, DateTimeOffset? RotatedAt) : IV2gSerializable;

/// <summary>The station authenticated with the pending password: it has it, so it becomes the current one.</summary>
public sealed record ConfirmPendingStationPassword(string StationId) : IStationCredentialCommand;

public sealed record StopStationCredential : IV2gSerializable
{
    public static StopStationCredential Instance { get; } = new();
}

/// <summary>Registry key of the credential shard region.</summary>
public sealed class StationCredentialRegion
{
    public const string TypeName = "station-credential";

    private StationCredentialRegion() { }
}
