using System.Collections.Concurrent;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>Which client-posted document of a device a slot holds.</summary>
public enum DeviceDocumentKind
{
    DeviceInformation,
    PowerStatus,
    DerStatus,
    DerAvailability,
    DerCapability,
    DerSettings,
}

/// <summary>The latest document each device uploaded per kind (PUT replaces), kept as received.</summary>
public sealed class DeviceDocuments
{
    private readonly ConcurrentDictionary<(int Device, DeviceDocumentKind Kind), Resource> _latest = new();

    public void Put(int deviceId, DeviceDocumentKind kind, Resource document) => _latest[(deviceId, kind)] = document;

    public T? Get<T>(int deviceId, DeviceDocumentKind kind) where T : Resource =>
        _latest.TryGetValue((deviceId, kind), out var doc) ? doc as T : null;
}
