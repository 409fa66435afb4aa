using V2gActors.Iso15118.Exi;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using App = V2gActors.Iso15118.Exi.Generated.AppProtocol;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>Messages built in code (as the source tests' encode halves do) produce the published bytes; invalid shapes are refused.</summary>
public sealed class EncoderTests
{
    private static readonly byte[] SessionA = Convert.FromHexString("3D4CBF93374ED89B");

    private static string Hex(ExiSchema schema, object message) => Convert.ToHexString(ExiCodec.Encode(schema, message));

    private static string VectorHex(string id) => Convert.ToHexString(ExiVectors.Get(id).Exi);

    [Fact]
    public void SupportedAppProtocolRes_from_code()
    {
        var res = new App.SupportedAppProtocolResType { ResponseCode = App.ResponseCodeType.OK_SuccessfulNegotiation, SchemaID = 1 };
        Assert.Equal("80400040", Hex(ExiSchema.AppProtocol, res));
    }

    [Fact]
    public void DC_CableCheckRes_from_code()
    {
        var res = new Dc.DC_CableCheckResType
        {
            Header = new Dc.MessageHeaderType { SessionID = SessionA, TimeStamp = 1725456328 },
            ResponseCode = Dc.ResponseCodeType.OK,
            EVSEProcessing = Dc.ProcessingType.Ongoing,
        };
        Assert.Equal(VectorHex("libiso15118-013"), Hex(ExiSchema.Dc, res));
    }

    [Fact]
    public void AC_ChargeLoopReq_from_code()
    {
        static Ac.RationalNumberType N(short value, sbyte exponent) => new() { Value = value, Exponent = exponent };
        var req = new Ac.AC_ChargeLoopReqType
        {
            Header = new Ac.MessageHeaderType { SessionID = SessionA, TimeStamp = 1725456333 },
            MeterInfoRequested = false,
            Scheduled_AC_CLReqControlMode = new Ac.Scheduled_AC_CLReqControlModeType
            {
                EVTargetEnergyRequest = N(12345, 0),
                EVMaximumEnergyRequest = N(12000, 0),
                EVMinimumEnergyRequest = N(1, 0),
                EVMaximumChargePower = N(3200, -2),
                EVMaximumChargePower_L2 = N(0, 0),
                EVMaximumChargePower_L3 = N(0, 0),
                EVMinimumChargePower = N(2000, -2),
                EVMinimumChargePower_L2 = N(0, 0),
                EVMinimumChargePower_L3 = N(0, 0),
                EVPresentActivePower = N(12000, 0),
                EVPresentActivePower_L2 = N(0, 0),
                EVPresentActivePower_L3 = N(0, 0),
                EVPresentReactivePower = N(0, 0),
                EVPresentReactivePower_L2 = N(0, 0),
                EVPresentReactivePower_L3 = N(0, 0),
            },
        };
        Assert.Equal(VectorHex("libiso15118-002"), Hex(ExiSchema.Ac, req));
    }

    [Fact]
    public void Both_branches_of_a_choice_are_refused()
    {
        var req = new Cm.AuthorizationReqType
        {
            Header = new Cm.MessageHeaderType { SessionID = SessionA, TimeStamp = 1 },
            SelectedAuthorizationService = Cm.AuthorizationType.EIM,
            EIM_AReqAuthorizationMode = new Cm.EIM_AReqAuthorizationModeType(),
            PnC_AReqAuthorizationMode = new Cm.PnC_AReqAuthorizationModeType(),
        };
        Assert.Throws<ExiEncodeException>(() => ExiCodec.Encode(ExiSchema.CommonMessages, req));
    }

    [Fact]
    public void A_missing_required_choice_is_refused()
    {
        var req = new Cm.AuthorizationReqType
        {
            Header = new Cm.MessageHeaderType { SessionID = SessionA, TimeStamp = 1 },
            SelectedAuthorizationService = Cm.AuthorizationType.EIM,
        };
        Assert.Throws<ExiEncodeException>(() => ExiCodec.Encode(ExiSchema.CommonMessages, req));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void List_lengths_outside_min_max_occurs_are_refused(int count)
    {
        var req = new App.SupportedAppProtocolReqType();
        for (var i = 0; i < count; i++)
            req.AppProtocol.Add(new App.AppProtocolType { ProtocolNamespace = "urn:x", SchemaID = 1, Priority = 1 });
        Assert.Throws<ExiEncodeException>(() => ExiCodec.Encode(ExiSchema.AppProtocol, req));
    }

    [Fact]
    public void Twenty_list_items_are_the_maximum_and_round_trip()
    {
        var req = new App.SupportedAppProtocolReqType();
        for (var i = 0; i < 20; i++)
            req.AppProtocol.Add(new App.AppProtocolType { ProtocolNamespace = $"urn:p{i}", VersionNumberMajor = 1, SchemaID = (byte)i, Priority = (byte)(i + 1) });
        var bytes = ExiCodec.Encode(ExiSchema.AppProtocol, req);

        Assert.True(ExiCodec.TryDecode(ExiSchema.AppProtocol, bytes, out var doc, out var error), error);
        var decoded = Assert.IsType<App.SupportedAppProtocolReqType>(doc.Body);
        Assert.Equal(req.AppProtocol.Select(a => (a.ProtocolNamespace, a.SchemaID, a.Priority)),
            decoded.AppProtocol.Select(a => (a.ProtocolNamespace, a.SchemaID, a.Priority)));
    }

    [Fact]
    public void Facet_violations_are_refused()
    {
        var badPriority = new App.SupportedAppProtocolReqType { AppProtocol = { new App.AppProtocolType { ProtocolNamespace = "urn:x", Priority = 0 } } };
        Assert.Throws<ExiEncodeException>(() => ExiCodec.Encode(ExiSchema.AppProtocol, badPriority));

        var longSession = new Cm.SessionStopReqType { Header = new Cm.MessageHeaderType { SessionID = new byte[9] } };
        Assert.Throws<ExiEncodeException>(() => ExiCodec.Encode(ExiSchema.CommonMessages, longSession));
    }

    [Fact]
    public void Unicode_strings_round_trip_as_code_points()
    {
        var res = new Cm.SessionSetupResType
        {
            Header = new Cm.MessageHeaderType { SessionID = SessionA, TimeStamp = 7 },
            EVSEID = "DE*Ä€*😀",
        };
        var bytes = ExiCodec.Encode(ExiSchema.CommonMessages, res);
        Assert.True(ExiCodec.TryDecode(ExiSchema.CommonMessages, bytes, out var doc, out var error), error);
        Assert.Equal("DE*Ä€*😀", Assert.IsType<Cm.SessionSetupResType>(doc.Body).EVSEID);
    }

    [Fact]
    public void Decoding_against_the_wrong_schema_fails_cleanly_or_names_another_root()
    {
        var dcBytes = ExiVectors.Get("libiso15118-013").Exi;
        var ok = ExiCodec.TryDecode(ExiSchema.AppProtocol, dcBytes, out _, out var error);
        Assert.False(ok);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
