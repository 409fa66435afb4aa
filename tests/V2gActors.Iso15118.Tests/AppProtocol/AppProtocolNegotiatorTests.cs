using V2gActors.Iso15118.AppProtocol;
using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Exi.Generated.AppProtocol;
using V2gActors.Iso15118.Tests.Exi;

namespace V2gActors.Iso15118.Tests.AppProtocol;

public sealed class AppProtocolNegotiatorTests
{
    private static readonly SeccAppProtocol[] DcAndAc = [SeccAppProtocol.Iso20Dc, SeccAppProtocol.Iso20Ac];

    private static AppProtocolType Offer(string ns, byte schemaId, byte priority, uint major = 1, uint minor = 0) =>
        new() { ProtocolNamespace = ns, SchemaID = schemaId, Priority = priority, VersionNumberMajor = major, VersionNumberMinor = minor };

    private static SupportedAppProtocolReqType Request(params AppProtocolType[] offers)
    {
        var request = new SupportedAppProtocolReqType();
        request.AppProtocol.AddRange(offers);
        return request;
    }

    [Fact]
    public void The_published_request_negotiates_to_the_published_response()
    {
        var vector = ExiVectors.Get("libiso15118-001");
        Assert.True(ExiCodec.TryDecode(ExiSchema.AppProtocol, vector.Exi, out var doc, out var error), error);

        var result = AppProtocolNegotiator.Negotiate((SupportedAppProtocolReqType)doc.Body, DcAndAc);

        Assert.Equal(SeccAppProtocol.Iso20Ac, result.Selected);
        Assert.Equal("80400040", Convert.ToHexString(ExiCodec.Encode(ExiSchema.AppProtocol, result.ToResponse())));
        Assert.Equal(ExiVectors.Get("libiso15118-sap-res").Exi, ExiCodec.Encode(ExiSchema.AppProtocol, result.ToResponse()));
    }

    [Fact]
    public void The_ev_priority_decides_between_dc_and_ac()
    {
        var result = AppProtocolNegotiator.Negotiate(Request(
            Offer(SeccAppProtocol.Iso20Ac.Namespace, schemaId: 1, priority: 2),
            Offer(SeccAppProtocol.Iso20Dc.Namespace, schemaId: 2, priority: 1)), DcAndAc);

        Assert.Equal(ResponseCodeType.OK_SuccessfulNegotiation, result.ResponseCode);
        Assert.Equal(SeccAppProtocol.Iso20Dc, result.Selected);
        Assert.Equal((byte)2, result.SchemaId);
    }

    [Fact]
    public void Unsupported_offers_are_skipped_even_with_better_priority()
    {
        var result = AppProtocolNegotiator.Negotiate(Request(
            Offer(SeccAppProtocol.Iso2Namespace, schemaId: 1, priority: 1, major: 2),
            Offer(SeccAppProtocol.Iso20Dc.Namespace, schemaId: 3, priority: 2)), DcAndAc);

        Assert.Equal(SeccAppProtocol.Iso20Dc, result.Selected);
        Assert.Equal((byte)3, result.SchemaId);
    }

    [Fact]
    public void Only_iso2_and_din_offered_fails_without_schema_id()
    {
        var result = AppProtocolNegotiator.Negotiate(Request(
            Offer(SeccAppProtocol.Iso2Namespace, schemaId: 1, priority: 1, major: 2),
            Offer(SeccAppProtocol.Din70121Namespace, schemaId: 2, priority: 2, major: 2)), DcAndAc);

        Assert.False(result.Succeeded);
        Assert.Equal(ResponseCodeType.Failed_NoNegotiation, result.ResponseCode);
        Assert.Null(result.ToResponse().SchemaID);
        // The response still has to be a valid document without the optional SchemaID.
        var bytes = ExiCodec.Encode(ExiSchema.AppProtocol, result.ToResponse());
        Assert.True(ExiCodec.TryDecode(ExiSchema.AppProtocol, bytes, out var doc, out var error), error);
        Assert.Equal(ResponseCodeType.Failed_NoNegotiation, ((SupportedAppProtocolResType)doc.Body).ResponseCode);
    }

    [Fact]
    public void A_different_minor_version_is_a_minor_deviation()
    {
        var result = AppProtocolNegotiator.Negotiate(Request(
            Offer(SeccAppProtocol.Iso20Dc.Namespace, schemaId: 4, priority: 1, minor: 1)), DcAndAc);

        Assert.Equal(ResponseCodeType.OK_SuccessfulNegotiationWithMinorDeviation, result.ResponseCode);
        Assert.Equal((byte)4, result.SchemaId);
    }

    [Fact]
    public void A_different_major_version_is_no_match()
    {
        var result = AppProtocolNegotiator.Negotiate(Request(
            Offer(SeccAppProtocol.Iso20Dc.Namespace, schemaId: 4, priority: 1, major: 2)), DcAndAc);

        Assert.Equal(ResponseCodeType.Failed_NoNegotiation, result.ResponseCode);
    }

    [Fact]
    public void An_secc_configured_for_dc_only_refuses_an_ac_only_ev()
    {
        var result = AppProtocolNegotiator.Negotiate(Request(
            Offer(SeccAppProtocol.Iso20Ac.Namespace, schemaId: 1, priority: 1)), [SeccAppProtocol.Iso20Dc]);

        Assert.Equal(ResponseCodeType.Failed_NoNegotiation, result.ResponseCode);
    }

    [Fact]
    public void Equal_priorities_keep_the_first_offer()
    {
        var result = AppProtocolNegotiator.Negotiate(Request(
            Offer(SeccAppProtocol.Iso20Ac.Namespace, schemaId: 7, priority: 1),
            Offer(SeccAppProtocol.Iso20Dc.Namespace, schemaId: 8, priority: 1)), DcAndAc);

        Assert.Equal((byte)7, result.SchemaId);
    }
}
