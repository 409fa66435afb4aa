using System.Net;
using System.Net.Http.Headers;
using System.Text;
using V2gActors.Ieee2030_5.Client;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Tests.Xml;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Tests.Server;

public class HeadEndServerTests(HeadEndFixture fixture) : IClassFixture<HeadEndFixture>
{
    [Fact]
    public void Binds_loopback_only()
    {
        Assert.Equal("127.0.0.1", fixture.Server.BaseAddress.Host);
    }

    [Fact]
    public async Task DeviceCapability_is_served_and_valid()
    {
        using var client = fixture.ClientFor(fixture.Aggregator);

        var dcap = await client.GetAsync<DeviceCapability>("/dcap");

        Assert.Equal("/tm", dcap.TimeLink!.Href);
        Assert.Equal("/edev", dcap.EndDeviceListLink!.Href);
        Assert.Equal(1u, dcap.PollRate);
        using var raw = fixture.RawClient(fixture.Aggregator);
        Assert.Empty(SepSchema.Validate(await raw.GetByteArrayAsync("/dcap")));
    }

    [Fact]
    public async Task Registration_is_idempotent_and_private_to_the_registering_certificate()
    {
        using var mine = fixture.ClientFor(fixture.Aggregator);
        using var theirs = fixture.ClientFor(fixture.OtherTenant);
        var site = DeviceIdentity.FromLfdi(Convert.FromHexString("1111111111111111111111111111111111111111"));
        var endDevice = new EndDevice { LFDI = site.LfdiBytes, SFDI = site.Sfdi, ChangedTime = fixture.Now };

        var href = await mine.PostAsync("/edev", endDevice);
        var again = await mine.PostAsync("/edev", endDevice);
        var read = await mine.GetAsync<EndDevice>(href!);
        var forbidden = await Assert.ThrowsAsync<SepHttpException>(() => theirs.GetAsync<EndDevice>(href!));
        var theirList = await theirs.GetAsync<EndDeviceList>("/edev", limit: 10);

        Assert.Equal(href, again);
        Assert.Equal(site.Sfdi, read.SFDI);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.DoesNotContain(theirList.EndDevice, d => d.Href == href);
    }

    [Fact]
    public async Task Wrong_sfdi_is_refused_with_an_error_body()
    {
        using var client = fixture.ClientFor(fixture.Aggregator);
        var site = DeviceIdentity.FromLfdi(Convert.FromHexString("2222222222222222222222222222222222222222"));

        var e = await Assert.ThrowsAsync<SepHttpException>(() =>
            client.PostAsync("/edev", new EndDevice { LFDI = site.LfdiBytes, SFDI = site.Sfdi + 1 }));

        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal((ushort)1, e.Error!.ReasonCode);
    }

    [Theory]
    [InlineData("<EndDevice xmlns=\"urn:ieee:std:2030.5:ns\"><sFDI>12", HttpStatusCode.BadRequest)]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><EndDevice xmlns=\"urn:ieee:std:2030.5:ns\"><sFDI>&e;</sFDI></EndDevice>", HttpStatusCode.BadRequest)]
    [InlineData("<Time xmlns=\"urn:ieee:std:2030.5:ns\"/>", HttpStatusCode.BadRequest)]
    public async Task Bad_bodies_get_status_and_Error(string body, HttpStatusCode expected)
    {
        using var raw = fixture.RawClient(fixture.Aggregator);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(SepNamespace.MediaType);

        using var response = await raw.PostAsync("/edev", content);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(SepNamespace.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(SepSchema.Validate(bytes));
        SepXml.Deserialize<Error>(bytes);
    }

    [Fact]
    public async Task Wrong_media_type_and_oversize_bodies_are_refused()
    {
        using var raw = fixture.RawClient(fixture.Aggregator);

        using var json = await raw.PostAsync("/edev", new StringContent("{}", Encoding.UTF8, "application/json"));
        var big = new ByteArrayContent(new byte[SepXml.DefaultMaxBytes + 10]);
        big.Headers.ContentType = new MediaTypeHeaderValue(SepNamespace.MediaType);
        // Expect: 100-continue lets the server refuse on Content-Length before the client streams the body.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/edev") { Content = big };
        request.Headers.ExpectContinue = true;
        using var oversize = await raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
    }

    [Fact]
    public async Task Bad_paging_query_is_invalid_request_values()
    {
        using var client = fixture.ClientFor(fixture.Aggregator);

        var e = await Assert.ThrowsAsync<SepHttpException>(() => client.GetAsync<EndDeviceList>("/edev?l=many"));

        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal((ushort)1, e.Error!.ReasonCode);
    }

    [Fact]
    public async Task Connection_without_client_certificate_is_refused_at_tls()
    {
        using var raw = fixture.RawClient(null);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => raw.GetAsync("/dcap"));
    }

    [Fact]
    public async Task Certificate_from_a_foreign_ca_is_refused_at_tls()
    {
        using var foreign = DevelopmentPki.Create("Somebody Else CA");
        using var raw = fixture.RawClient(foreign.IssueDevice("intruder"));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => raw.GetAsync("/dcap"));
    }

    [Fact]
    public async Task Programs_and_default_control_are_discoverable_from_the_fsa()
    {
        using var client = fixture.ClientFor(fixture.Aggregator);

        var fsa = await client.GetAsync<FunctionSetAssignments>("/fsa/1");
        var programs = await client.GetAsync<DERProgramList>(fsa.DERProgramListLink!.Href!, limit: 10);
        var dderc = await client.GetAsync<DefaultDERControl>(programs.DERProgram[0].DefaultDERControlLink!.Href!);

        Assert.Equal(HeadEndFixture.ProgramMrid, programs.DERProgram[0].MRID);
        Assert.Equal((ushort)10_000, dderc.DERControlBase.OpModMaxLimW);
    }
}
