using V2gActors.Iso15118.Exi;
using Acdp = V2gActors.Iso15118.Exi.Generated.Acdp;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>
/// Shapes the vectors do not reach (attributes, lists of binaries, ACDP, large lists): encode → decode →
/// encode must be stable. This proves encoder/decoder consistency, not conformance; the vectors do that.
/// </summary>
public sealed class RoundTripTests
{
    private static T RoundTrip<T>(ExiSchema schema, T message) where T : class
    {
        var bytes = ExiCodec.Encode(schema, message);
        Assert.True(ExiCodec.TryDecode(schema, bytes, out var document, out var error), error);
        Assert.Equal(bytes, ExiCodec.Encode(schema, document.Body));
        return Assert.IsType<T>(document.Body);
    }

    [Fact]
    public void PnC_authorization_with_attribute_and_certificate_chain()
    {
        var req = new Cm.AuthorizationReqType
        {
            Header = new Cm.MessageHeaderType { SessionID = [1, 2, 3, 4, 5, 6, 7, 8], TimeStamp = 1700000000 },
            SelectedAuthorizationService = Cm.AuthorizationType.PnC,
            PnC_AReqAuthorizationMode = new Cm.PnC_AReqAuthorizationModeType
            {
                Id = "id1",
                GenChallenge = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(),
                ContractCertificateChain = new Cm.ContractCertificateChainType
                {
                    Certificate = new byte[700],
                    SubCertificates = new Cm.SubCertificatesType { Certificate = { new byte[600], new byte[500] } },
                },
            },
        };

        var decoded = RoundTrip(ExiSchema.CommonMessages, req);

        var pnc = Assert.IsType<Cm.PnC_AReqAuthorizationModeType>(decoded.PnC_AReqAuthorizationMode);
        Assert.Equal("id1", pnc.Id);
        Assert.Equal(16, pnc.GenChallenge.Length);
        Assert.Equal([600, 500], pnc.ContractCertificateChain.SubCertificates.Certificate.Select(c => c.Length));
    }

    [Fact]
    public void Acdp_vehicle_positioning()
    {
        var req = new Acdp.ACDP_VehiclePositioningReqType
        {
            Header = new Acdp.MessageHeaderType { SessionID = [9, 9, 9, 9, 9, 9, 9, 9], TimeStamp = 5 },
            EVMobilityStatus = true,
            EVPositioningSupport = false,
        };
        var decoded = RoundTrip(ExiSchema.Acdp, req);
        Assert.True(decoded.EVMobilityStatus);
        Assert.False(decoded.EVPositioningSupport);
    }

    [Fact]
    public void A_schedule_with_the_maximum_1024_entries()
    {
        var entries = new Cm.PowerScheduleEntryListType();
        for (var i = 0; i < 1024; i++)
            entries.PowerScheduleEntry.Add(new Cm.PowerScheduleEntryType { Duration = (uint)i, Power = new Cm.RationalNumberType { Value = (short)i } });
        var res = new Cm.ScheduleExchangeResType
        {
            Header = new Cm.MessageHeaderType { SessionID = new byte[8], TimeStamp = 1 },
            EVSEProcessing = Cm.ProcessingType.Finished,
            Scheduled_SEResControlMode = new Cm.Scheduled_SEResControlModeType
            {
                ScheduleTuple = { new Cm.ScheduleTupleType { ScheduleTupleID = 1, ChargingSchedule = new Cm.ChargingScheduleType { PowerSchedule = new Cm.PowerScheduleType { PowerScheduleEntries = entries } } } },
            },
        };

        var decoded = RoundTrip(ExiSchema.CommonMessages, res);
        Assert.Equal(1024, decoded.Scheduled_SEResControlMode!.ScheduleTuple[0].ChargingSchedule.PowerSchedule.PowerScheduleEntries.PowerScheduleEntry.Count);

        entries.PowerScheduleEntry.Add(new Cm.PowerScheduleEntryType());
        Assert.Throws<ExiEncodeException>(() => ExiCodec.Encode(ExiSchema.CommonMessages, res));
    }

    [Fact]
    public void The_abstract_control_mode_head_is_refused_by_the_encoder()
    {
        var req = new Dc.DC_ChargeLoopReqType
        {
            Header = new Dc.MessageHeaderType { SessionID = new byte[8] },
            CLReqControlMode = new Dc.CLReqControlModeType(),
        };
        Assert.Throws<ExiEncodeException>(() => ExiCodec.Encode(ExiSchema.Dc, req));
    }
}
