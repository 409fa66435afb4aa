using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Tests.EndToEnd;
using V2gActors.Ieee2030_5.Tests.Xml;

namespace V2gActors.Ieee2030_5.Tests.Server;

/// <summary>Walks every resource the head-end serves and validates each body against sep.xsd.</summary>
public class EmittedDocumentTests(HeadEndFixture f) : IClassFixture<HeadEndFixture>
{
    [Fact]
    public async Task Every_served_document_validates_against_sep_xsd()
    {
        await using var client = await Scenario.ConnectAsync(f, f.Aggregator);
        var edev = client.Site.EndDevice.Href!;
        await client.Der!.ReportStatusAsync(SepSamples.DERStatus());
        await client.Der.ReportAvailabilityAsync(SepSamples.DERAvailability());
        await client.Der.ReportCapabilityAsync(SepSamples.DERCapability());
        await client.Der.ReportSettingsAsync(SepSamples.DERSettings());
        var mirror = SepSamples.MirrorUsagePoint();
        var mup = await client.Metering.CreateAsync(mirror);
        var now = client.ServerNow;
        var control = f.Server.State.Programs.AddControl(1, Scenario.Control(Scenario.NewMrid(), now, now - 1, 600,
            SepSamples.FullControlBase()));
        f.Server.State.Programs.AddCurve(1, SepSamples.DERCurve());
        await client.PollOnceAsync();
        await client.SubscribeAsync();

        string[] hrefs =
        [
            "/dcap", "/tm", "/edev?l=10", edev, $"{edev}/rg", $"{edev}/fsa?l=5", "/fsa/1", "/fsa/1/derp?l=5", "/derp/1",
            "/derp/1/derc?l=10", control.Href!, "/derp/1/actderc?l=10", "/derp/1/dderc", "/derp/1/dc?l=5", "/derp/1/dc/1",
            $"{edev}/der?l=1", $"{edev}/der/1", $"{edev}/der/1/ders", $"{edev}/der/1/dera", $"{edev}/der/1/dercap",
            $"{edev}/der/1/derg", $"{edev}/sub?l=5", client.Subscriptions[0], "/rsps?l=1", "/rsps/1", "/rsps/1/rsp?l=10",
            "/mup?l=5", mup,
        ];
        using var raw = f.RawClient(f.Aggregator);
        foreach (var href in hrefs)
        {
            using var response = await raw.GetAsync(href);
            Assert.True(response.IsSuccessStatusCode, $"GET {href} answered {(int)response.StatusCode}");
            Assert.Equal(SepNamespace.MediaType, response.Content.Headers.ContentType?.MediaType);
            var problems = SepSchema.Validate(await response.Content.ReadAsByteArrayAsync());
            Assert.True(problems.Count == 0, $"GET {href}: {string.Join("; ", problems)}");
        }
    }
}
