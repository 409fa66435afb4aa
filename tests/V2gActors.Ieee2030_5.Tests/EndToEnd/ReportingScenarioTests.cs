using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.State;
using V2gActors.Ieee2030_5.Tests.Server;
using V2gActors.Ieee2030_5.Tests.Xml;

namespace V2gActors.Ieee2030_5.Tests.EndToEnd;

/// <summary>Our CSIP client uploading DER status and metering to our head-end over mTLS.</summary>
public class ReportingScenarioTests(HeadEndFixture f) : IClassFixture<HeadEndFixture>
{
    [Fact]
    public async Task Status_availability_capability_settings_and_metering_reach_the_server()
    {
        await using var client = await Scenario.ConnectAsync(f, f.OtherTenant);
        var deviceId = int.Parse(client.Site.EndDevice.Href!.Split('/')[^1]);

        await client.Der!.ReportCapabilityAsync(SepSamples.DERCapability());
        await client.Der.ReportSettingsAsync(SepSamples.DERSettings());
        await client.Der.ReportStatusAsync(SepSamples.DERStatus());
        await client.Der.ReportAvailabilityAsync(SepSamples.DERAvailability());

        var docs = f.Server.State.Documents;
        Assert.Equal((short)11_000, docs.Get<DERCapability>(deviceId, DeviceDocumentKind.DerCapability)!.RtgMaxW.Value);
        Assert.Equal((short)7_400, docs.Get<DERSettings>(deviceId, DeviceDocumentKind.DerSettings)!.SetMaxW.Value);
        Assert.Equal((ushort)6_500, docs.Get<DERStatus>(deviceId, DeviceDocumentKind.DerStatus)!.StateOfChargeStatus!.Value);
        Assert.Equal((uint)14_400, docs.Get<DERAvailability>(deviceId, DeviceDocumentKind.DerAvailability)!.AvailabilityDuration);

        var mirror = SepSamples.MirrorUsagePoint();
        mirror.DeviceLFDI = client.Site.EndDevice.LFDI;
        var mupHref = await client.Metering.CreateAsync(mirror);
        var next = SepSamples.MirrorMeterReading();
        next.Reading!.Value = -4_100;
        next.LastUpdateTime = SepSamples.Now + 300;
        await client.Metering.PostAsync(mupHref, next);

        var stored = f.Server.State.Mirrors.ReadingsOf(int.Parse(mupHref.Split('/')[^1]));
        Assert.Equal([-3_650L, -4_100L], stored.Select(r => r.Reading!.Value!.Value));
    }

    [Fact]
    public async Task Another_tenant_cannot_read_or_write_this_device()
    {
        await using var owner = await Scenario.ConnectAsync(f, f.OtherTenant);
        using var intruder = f.ClientFor(f.Aggregator);

        var e = await Assert.ThrowsAsync<V2gActors.Ieee2030_5.Client.SepHttpException>(() =>
            intruder.PutAsync(owner.Site.EndDevice.Href + "/der/1/ders", SepSamples.DERStatus()));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.Status);
    }
}
