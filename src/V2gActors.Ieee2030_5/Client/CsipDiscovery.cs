using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>What discovery found: the entry point, the server's clock, our EndDevice and its registration.</summary>
public sealed record DiscoveredSite(
    DeviceCapability DeviceCapability,
    ServerClock Clock,
    EndDevice EndDevice,
    Registration? Registration);

/// <summary>
/// The CSIP start-up sequence: DeviceCapability → Time (clock offset) → EndDeviceList (find ourselves or
/// register) → EndDevice → Registration.
/// </summary>
public static class CsipDiscovery
{
    public static async Task<DiscoveredSite> DiscoverAsync(SepHttpClient http, CsipClientOptions options, CancellationToken ct = default)
    {
        var dcap = await http.GetAsync<DeviceCapability>(options.DeviceCapabilityPath, ct: ct).ConfigureAwait(false);
        var clock = ServerClock.InSync;
        if (dcap.TimeLink?.Href is { } timeHref)
        {
            var time = await http.GetAsync<Time>(timeHref, ct: ct).ConfigureAwait(false);
            clock = ServerClock.FromServerTime(time.CurrentTime, options.Clock());
        }

        var identity = options.EndDeviceLfdi is { } lfdi ? DeviceIdentity.FromLfdi(lfdi) : DeviceIdentity.Of(options.ClientCertificate);
        var listHref = dcap.EndDeviceListLink?.Href
                       ?? throw new InvalidOperationException("DeviceCapability has no EndDeviceListLink");
        var endDeviceHref = await FindAsync(http, listHref, identity, options.PageSize, ct).ConfigureAwait(false)
                            ?? await RegisterAsync(http, listHref, identity, clock.ServerNow(options.Clock()), ct).ConfigureAwait(false);
        var endDevice = await http.GetAsync<EndDevice>(endDeviceHref, ct: ct).ConfigureAwait(false);
        var registration = endDevice.RegistrationLink?.Href is { } rg
            ? await http.GetAsync<Registration>(rg, ct: ct).ConfigureAwait(false)
            : null;
        return new DiscoveredSite(dcap, clock, endDevice, registration);
    }

    /// <summary>Every element of a paged list, following s/l until all have been read.</summary>
    public static async Task<IReadOnlyList<TItem>> ReadAllAsync<TList, TItem>(SepHttpClient http, string href, uint pageSize,
        Func<TList, IReadOnlyList<TItem>> items, CancellationToken ct) where TList : class, IPagedList
    {
        var all = new List<TItem>();
        while (true)
        {
            var separator = href.Contains('?') ? '&' : '?';
            var page = await http.GetAsync<TList>($"{href}{separator}s={all.Count}&l={pageSize}", ct: ct).ConfigureAwait(false);
            var got = items(page);
            all.AddRange(got);
            if (got.Count == 0 || all.Count >= page.All) return all;
        }
    }

    private static async Task<string?> FindAsync(SepHttpClient http, string listHref, DeviceIdentity identity, uint pageSize, CancellationToken ct)
    {
        var devices = await ReadAllAsync<EndDeviceList, EndDevice>(http, listHref, pageSize, l => l.EndDevice, ct).ConfigureAwait(false);
        return devices.FirstOrDefault(d => d.LFDI is not null && Convert.ToHexString(d.LFDI) == identity.Lfdi)?.Href;
    }

    private static async Task<string> RegisterAsync(SepHttpClient http, string listHref, DeviceIdentity identity, long now, CancellationToken ct) =>
        await http.PostAsync(listHref, new EndDevice { LFDI = identity.LfdiBytes, SFDI = identity.Sfdi, ChangedTime = now }, ct)
            .ConfigureAwait(false)
        ?? throw new InvalidOperationException("the server registered the EndDevice without returning its Location");
}
