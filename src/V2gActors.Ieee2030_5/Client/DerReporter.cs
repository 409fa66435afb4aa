using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>Uploads what the server needs to know about the DER: status, availability, nameplate and settings.</summary>
public sealed class DerReporter(SepHttpClient http, DER der)
{
    public static async Task<DerReporter> ForFirstDerAsync(SepHttpClient http, EndDevice endDevice, CancellationToken ct = default)
    {
        var listHref = endDevice.DERListLink?.Href ?? throw new InvalidOperationException("EndDevice has no DERListLink");
        var list = await http.GetAsync<DERList>(listHref, limit: 1, ct).ConfigureAwait(false);
        var der = list.DER.FirstOrDefault() ?? throw new InvalidOperationException($"{listHref} lists no DER");
        return new DerReporter(http, der);
    }

    public Task ReportStatusAsync(DERStatus status, CancellationToken ct = default) =>
        http.PutAsync(Require(der.DERStatusLink?.Href, "DERStatusLink"), status, ct);

    public Task ReportAvailabilityAsync(DERAvailability availability, CancellationToken ct = default) =>
        http.PutAsync(Require(der.DERAvailabilityLink?.Href, "DERAvailabilityLink"), availability, ct);

    public Task ReportCapabilityAsync(DERCapability capability, CancellationToken ct = default) =>
        http.PutAsync(Require(der.DERCapabilityLink?.Href, "DERCapabilityLink"), capability, ct);

    public Task ReportSettingsAsync(DERSettings settings, CancellationToken ct = default) =>
        http.PutAsync(Require(der.DERSettingsLink?.Href, "DERSettingsLink"), settings, ct);

    private static string Require(string? href, string link) =>
        href ?? throw new InvalidOperationException($"the DER has no {link}");
}
