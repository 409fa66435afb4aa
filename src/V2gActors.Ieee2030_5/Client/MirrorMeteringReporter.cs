using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>Creates a MirrorUsagePoint and posts readings into it (metering the server cannot read itself).</summary>
public sealed class MirrorMeteringReporter(SepHttpClient http, DeviceCapability dcap)
{
    /// <summary>Creates (or finds, by mRID) the mirror; returns its href.</summary>
    public async Task<string> CreateAsync(MirrorUsagePoint mirror, CancellationToken ct = default)
    {
        var listHref = dcap.MirrorUsagePointListLink?.Href
                       ?? throw new InvalidOperationException("DeviceCapability has no MirrorUsagePointListLink");
        return await http.PostAsync(listHref, mirror, ct).ConfigureAwait(false)
               ?? throw new InvalidOperationException("the server created the mirror without returning its Location");
    }

    public Task PostAsync(string mirrorHref, MirrorMeterReading reading, CancellationToken ct = default) =>
        http.PostAsync(mirrorHref, reading, ct);
}
