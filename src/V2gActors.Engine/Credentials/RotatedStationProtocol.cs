using Akka.Cluster.Sharding;
using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Credentials;

/// <summary>Anything addressed to the directory of rotated stations; sharded by the bucket of <see cref="StationId"/>.</summary>
public interface IRotatedStationCommand : IV2gSerializable
{
    string StationId { get; }
}

/// <summary>
/// Record that the station's credential entity is about to start a rotation, answered with
/// <see cref="RotatedStationRegistered"/> once journaled. From then on the WebSocket upgrade asks that entity.
/// </summary>
public sealed record RegisterRotatedStation(string StationId) : IRotatedStationCommand;

public sealed record RotatedStationRegistered(string StationId) : IV2gSerializable;

/// <summary>Has this station's credential entity ever started a rotation? Answered with <see cref="RotatedStationAnswer"/>.</summary>
public sealed record IsStationRotated(string StationId) : IRotatedStationCommand;

/// <param name="Rotated">False: the configured credential is the only one (no credential entity needs to start).</param>
public sealed record RotatedStationAnswer(string StationId, bool Rotated) : IV2gSerializable;

public interface IRotatedStationEvent : IV2gSerializable;

public sealed record StationRotationRegistered(string StationId) : IRotatedStationEvent;

/// <summary>
/// The bucket has taken in the stations whose credential journals predate the directory (<see cref="StationCredentialActor"/>
/// journals written before it existed); it never looks again.
/// </summary>
public sealed record RotatedStationsSeeded(int Found) : IRotatedStationEvent;

/// <summary>Registry key of the rotated-station directory's shard region.</summary>
public sealed class RotatedStationRegion
{
    public const string TypeName = "rotated-station";

    private RotatedStationRegion() { }
}

/// <summary>
/// Stations are spread over a fixed number of directory entities. The bucket is part of each entity's persistence
/// id, so neither <see cref="Buckets"/> nor the hash may ever change (stations would be looked up in the wrong bucket).
/// </summary>
public sealed class RotatedStationMessageExtractor() : HashCodeMessageExtractor(Buckets)
{
    public const int Buckets = 64;

    public override string? EntityId(object message) =>
        message is IRotatedStationCommand command ? BucketOf(command.StationId).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and runtimes (string.GetHashCode is not).</summary>
    public static int BucketOf(string stationId)
    {
        var hash = 2166136261u;
        foreach (var c in stationId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % Buckets);
    }
}

/// <summary>Hand-off stop message of a directory bucket (its shard moves to another node).</summary>
public sealed record StopRotatedStationDirectory : IV2gSerializable
{
    public static StopRotatedStationDirectory Instance { get; } = new();
}
