using System.Collections.Concurrent;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>A subscription held for a device, addressed by its own href.</summary>
public sealed record HeldSubscription(int DeviceId, int Id, Subscription Subscription)
{
    public string Href => $"/edev/{DeviceId}/sub/{Id}";
}

/// <summary>Subscriptions per device; the notifier looks them up by subscribed resource.</summary>
public sealed class SubscriptionRegistry
{
    private readonly ConcurrentDictionary<(int Device, int Id), HeldSubscription> _subscriptions = new();
    private int _nextId;

    public HeldSubscription Add(int deviceId, Subscription subscription)
    {
        var held = new HeldSubscription(deviceId, Interlocked.Increment(ref _nextId), subscription);
        subscription.Href = held.Href;
        _subscriptions[(deviceId, held.Id)] = held;
        return held;
    }

    public bool Remove(int deviceId, int id) => _subscriptions.TryRemove((deviceId, id), out _);

    public HeldSubscription? Find(int deviceId, int id) => _subscriptions.GetValueOrDefault((deviceId, id));

    public IReadOnlyList<HeldSubscription> OfDevice(int deviceId) =>
        _subscriptions.Values.Where(s => s.DeviceId == deviceId).OrderBy(s => s.Id).ToList();

    public IReadOnlyList<HeldSubscription> To(string resourceHref) =>
        _subscriptions.Values.Where(s => s.Subscription.SubscribedResource == resourceHref).OrderBy(s => s.Id).ToList();
}
