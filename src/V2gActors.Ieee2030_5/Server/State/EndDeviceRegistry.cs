using System.Collections.Concurrent;

namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>
/// EndDevices by id. A client certificate owns the devices it registered (an aggregator registers many);
/// access control asks this registry who the owner is.
/// </summary>
public sealed class EndDeviceRegistry
{
    private readonly ConcurrentDictionary<int, RegisteredDevice> _devices = new();
    private readonly Lock _gate = new();
    private int _nextId;

    /// <summary>Registers a device or returns the existing one with the same LFDI; the bool says whether it was new.</summary>
    public (RegisteredDevice Device, bool Created) Register(string ownerLfdi, string lfdi, ulong sfdi, long changedTime, uint pin, long now)
    {
        lock (_gate)
        {
            var existing = _devices.Values.FirstOrDefault(d => d.Lfdi.Equals(lfdi, StringComparison.OrdinalIgnoreCase));
            if (existing is not null) return (existing, false);
            var device = new RegisteredDevice(++_nextId, ownerLfdi, lfdi.ToUpperInvariant(), sfdi, changedTime, pin, now);
            _devices[device.Id] = device;
            return (device, true);
        }
    }

    public RegisteredDevice? Find(int id) => _devices.GetValueOrDefault(id);

    /// <summary>Devices a caller may see, in SFDI order as 2030.5 lists EndDevices.</summary>
    public IReadOnlyList<RegisteredDevice> VisibleTo(string callerLfdi) =>
        _devices.Values.Where(d => IsOwnedBy(d, callerLfdi)).OrderBy(d => d.Sfdi).ThenBy(d => d.Id).ToList();

    public static bool IsOwnedBy(RegisteredDevice device, string callerLfdi) =>
        device.OwnerLfdi.Equals(callerLfdi, StringComparison.OrdinalIgnoreCase) ||
        device.Lfdi.Equals(callerLfdi, StringComparison.OrdinalIgnoreCase);
}
