using V2gActors.Iso15118.Exi;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using App = V2gActors.Iso15118.Exi.Generated.AppProtocol;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>
/// The decoded content of each vector that carries C++ assertions (libiso15118 catch2 tests), translated
/// one REQUIRE at a time. Vectors with decoded_json are covered by <see cref="VectorJsonTests"/>.
/// </summary>
public sealed class VectorContentTests
{
    private const string SessionA = "3D4CBF93374ED89B";

    private static T Decode<T>(string id)
    {
        var vector = ExiVectors.Get(id);
        Assert.True(ExiCodec.TryDecode(vector.Schema, vector.Exi, out var document, out var error), error);
        return Assert.IsType<T>(document!.Body);
    }

    // RationalNumberType = Value × 10^Exponent; a null argument means the optional element was absent.
    private static double R(Ac.RationalNumberType? r) => Assert.IsType<Ac.RationalNumberType>(r).Value * Math.Pow(10, r.Exponent);
    private static double R(Dc.RationalNumberType? r) => Assert.IsType<Dc.RationalNumberType>(r).Value * Math.Pow(10, r.Exponent);
    private static double R(Cm.RationalNumberType? r) => Assert.IsType<Cm.RationalNumberType>(r).Value * Math.Pow(10, r.Exponent);

    private static void Header(Ac.MessageHeaderType h, string session, ulong time)
    {
        Assert.Equal(session, Convert.ToHexString(h.SessionID));
        Assert.Equal(time, h.TimeStamp);
    }

    private static void Header(Dc.MessageHeaderType h, string session, ulong time)
    {
        Assert.Equal(session, Convert.ToHexString(h.SessionID));
        Assert.Equal(time, h.TimeStamp);
    }

    private static void Header(Cm.MessageHeaderType h, string session, ulong time)
    {
        Assert.Equal(session, Convert.ToHexString(h.SessionID));
        Assert.Equal(time, h.TimeStamp);
    }

    [Fact]
    public void SupportedAppProtocolReq_001()
    {
        var msg = Decode<App.SupportedAppProtocolReqType>("libiso15118-001");
        var ap = Assert.Single(msg.AppProtocol);
        Assert.Equal(1u, ap.VersionNumberMajor);
        Assert.Equal(0u, ap.VersionNumberMinor);
        Assert.Equal(1, ap.SchemaID);
        Assert.Equal(1, ap.Priority);
        Assert.Equal("urn:iso:std:iso:15118:-20:AC", ap.ProtocolNamespace);
    }

    [Fact]
    public void AC_ChargeLoopReq_002()
    {
        var msg = Decode<Ac.AC_ChargeLoopReqType>("libiso15118-002");
        Header(msg.Header, SessionA, 1725456333);
        Assert.False(msg.MeterInfoRequested);
        var m = Assert.IsType<Ac.Scheduled_AC_CLReqControlModeType>(msg.Scheduled_AC_CLReqControlMode);
        Assert.Null(msg.BPT_Scheduled_AC_CLReqControlMode);
        Assert.Equal(12345.0, R(m.EVTargetEnergyRequest));
        Assert.Equal(12000.0, R(m.EVMaximumEnergyRequest));
        Assert.Equal(1.0, R(m.EVMinimumEnergyRequest));
        Assert.Equal(12000.0, R(m.EVPresentActivePower));
        Assert.Equal(0.0, R(m.EVPresentActivePower_L2));
        Assert.Equal(0.0, R(m.EVPresentActivePower_L3));
        Assert.Equal(0.0, R(m.EVPresentReactivePower));
        Assert.Equal(0.0, R(m.EVPresentReactivePower_L2));
        Assert.Equal(0.0, R(m.EVPresentReactivePower_L3));
        Assert.Equal(32.0, R(m.EVMaximumChargePower), 9);
        Assert.Equal(0.0, R(m.EVMaximumChargePower_L2));
        Assert.Equal(0.0, R(m.EVMaximumChargePower_L3));
        Assert.Equal(20.0, R(m.EVMinimumChargePower), 9);
        Assert.Equal(0.0, R(m.EVMinimumChargePower_L2));
        Assert.Equal(0.0, R(m.EVMinimumChargePower_L3));
        // The encode half of the source test builds {3200, -2}: the exact wire pair, not just its value.
        Assert.Equal((3200, -2), ((int)m.EVMaximumChargePower!.Value, (int)m.EVMaximumChargePower.Exponent));
    }

    [Fact]
    public void AC_ChargeLoopRes_004()
    {
        var msg = Decode<Ac.AC_ChargeLoopResType>("libiso15118-004");
        Header(msg.Header, SessionA, 1725456334);
        var meter = Assert.IsType<Ac.MeterInfoType>(msg.MeterInfo);
        Assert.Equal("1", meter.MeterID);
        Assert.Equal(1234ul, meter.ChargedEnergyReadingWh);
        Assert.Equal(Ac.ResponseCodeType.OK, msg.ResponseCode);
        Assert.Equal(50.0, R(msg.EVSETargetFrequency));
        var m = Assert.IsType<Ac.Scheduled_AC_CLResControlModeType>(msg.Scheduled_AC_CLResControlMode);
        Assert.Equal(12000.0, R(m.EVSETargetActivePower));
        Assert.Equal(0.0, R(m.EVSETargetActivePower_L2));
        Assert.Equal(0.0, R(m.EVSETargetActivePower_L3));
        Assert.Equal(0.0, R(m.EVSETargetReactivePower));
        Assert.Equal(0.0, R(m.EVSETargetReactivePower_L2));
        Assert.Equal(0.0, R(m.EVSETargetReactivePower_L3));
        Assert.Equal(12000.0, R(m.EVSEPresentActivePower));
        Assert.Equal(0.0, R(m.EVSEPresentActivePower_L2));
        Assert.Equal(0.0, R(m.EVSEPresentActivePower_L3));
    }

    [Fact]
    public void AC_ChargeParameterDiscoveryReq_005()
    {
        var msg = Decode<Ac.AC_ChargeParameterDiscoveryReqType>("libiso15118-005");
        Header(msg.Header, SessionA, 1725456323);
        var t = Assert.IsType<Ac.AC_CPDReqEnergyTransferModeType>(msg.AC_CPDReqEnergyTransferMode);
        Assert.Equal(32.0, R(t.EVMaximumChargePower), 9);
        Assert.Equal(0.0, R(t.EVMaximumChargePower_L2));
        Assert.Equal(0.0, R(t.EVMaximumChargePower_L3));
        Assert.Equal(20.0, R(t.EVMinimumChargePower), 9);
        Assert.Equal(0.0, R(t.EVMinimumChargePower_L2));
        Assert.Equal(0.0, R(t.EVMinimumChargePower_L3));
    }

    [Fact]
    public void AC_ChargeParameterDiscoveryRes_006()
    {
        var msg = Decode<Ac.AC_ChargeParameterDiscoveryResType>("libiso15118-006");
        Header(msg.Header, SessionA, 1725456324);
        Assert.Equal(Ac.ResponseCodeType.OK, msg.ResponseCode);
        var t = Assert.IsType<Ac.AC_CPDResEnergyTransferModeType>(msg.AC_CPDResEnergyTransferMode);
        Assert.Equal(22080.0, R(t.EVSEMaximumChargePower), 9);
        Assert.Equal(0.0, R(t.EVSEMaximumChargePower_L2));
        Assert.Equal(0.0, R(t.EVSEMaximumChargePower_L3));
        Assert.Equal(20000.0, R(t.EVSEMinimumChargePower), 9);
        Assert.Equal(0.0, R(t.EVSEMinimumChargePower_L2));
        Assert.Equal(0.0, R(t.EVSEMinimumChargePower_L3));
    }

    [Fact]
    public void DC_CableCheckReq_012()
    {
        var msg = Decode<Dc.DC_CableCheckReqType>("libiso15118-012");
        Header(msg.Header, SessionA, 1725456327);
    }

    [Fact]
    public void DC_CableCheckRes_013()
    {
        var msg = Decode<Dc.DC_CableCheckResType>("libiso15118-013");
        Header(msg.Header, SessionA, 1725456328);
        Assert.Equal(Dc.ResponseCodeType.OK, msg.ResponseCode);
        Assert.Equal(Dc.ProcessingType.Ongoing, msg.EVSEProcessing);
    }

    [Fact]
    public void DC_ChargeLoopReq_015()
    {
        var msg = Decode<Dc.DC_ChargeLoopReqType>("libiso15118-015");
        Header(msg.Header, SessionA, 1725456333);
        Assert.False(msg.MeterInfoRequested);
        Assert.Equal(400.0, R(msg.EVPresentVoltage), 9);
        var m = Assert.IsType<Dc.Scheduled_DC_CLReqControlModeType>(msg.Scheduled_DC_CLReqControlMode);
        Assert.Equal(20.0, R(m.EVTargetCurrent), 9);
        Assert.Equal(400.0, R(m.EVTargetVoltage), 9);
    }

    [Fact]
    public void DC_ChargeLoopRes_017()
    {
        var msg = Decode<Dc.DC_ChargeLoopResType>("libiso15118-017");
        Header(msg.Header, SessionA, 1725456334);
        Assert.Equal(Dc.ResponseCodeType.OK, msg.ResponseCode);
        Assert.True(msg.EVSECurrentLimitAchieved);
        Assert.True(msg.EVSEPowerLimitAchieved);
        Assert.True(msg.EVSEVoltageLimitAchieved);
        Assert.Equal(1.0, R(msg.EVSEPresentCurrent), 9);
        Assert.Equal(400.0, R(msg.EVSEPresentVoltage), 9);
        var m = Assert.IsType<Dc.Scheduled_DC_CLResControlModeType>(msg.Scheduled_DC_CLResControlMode);
        Assert.Null(m.EVSEMaximumChargeCurrent);
        Assert.Null(m.EVSEMaximumChargePower);
        Assert.Null(m.EVSEMaximumVoltage);
        Assert.Null(m.EVSEMinimumChargePower);
    }

    [Fact]
    public void DC_ChargeParameterDiscoveryReq_019()
    {
        var msg = Decode<Dc.DC_ChargeParameterDiscoveryReqType>("libiso15118-019");
        Header(msg.Header, SessionA, 1725456323);
        var t = Assert.IsType<Dc.DC_CPDReqEnergyTransferModeType>(msg.DC_CPDReqEnergyTransferMode);
        Assert.Equal(300.0, R(t.EVMaximumChargeCurrent), 9);
        Assert.Equal(150000.0, R(t.EVMaximumChargePower), 9);
        Assert.Equal(900.0, R(t.EVMaximumVoltage), 9);
        Assert.Equal(10.0, R(t.EVMinimumChargeCurrent), 9);
        Assert.Equal(100.0, R(t.EVMinimumChargePower), 9);
        Assert.Equal(10.0, R(t.EVMinimumVoltage), 9);
    }

    [Fact]
    public void DC_ChargeParameterDiscoveryRes_020()
    {
        var msg = Decode<Dc.DC_ChargeParameterDiscoveryResType>("libiso15118-020");
        Header(msg.Header, SessionA, 1725456324);
        Assert.Equal(Dc.ResponseCodeType.OK, msg.ResponseCode);
        var t = Assert.IsType<Dc.DC_CPDResEnergyTransferModeType>(msg.DC_CPDResEnergyTransferMode);
        Assert.Equal(200.0, R(t.EVSEMaximumChargeCurrent), 9);
        Assert.Equal(22080.0, R(t.EVSEMaximumChargePower), 9);
        Assert.Equal(900.0, R(t.EVSEMaximumVoltage), 9);
        Assert.Equal(1.0, R(t.EVSEMinimumChargeCurrent), 9);
        Assert.Equal(200.0, R(t.EVSEMinimumChargePower), 9);
        Assert.Equal(200.0, R(t.EVSEMinimumVoltage), 9);
    }

    [Fact]
    public void PowerDeliveryReq_025()
    {
        var msg = Decode<Cm.PowerDeliveryReqType>("libiso15118-025");
        Header(msg.Header, SessionA, 1725456333);
        Assert.Equal(Cm.ProcessingType.Finished, msg.EVProcessing);
        Assert.Equal(Cm.ChargeProgressType.Start, msg.ChargeProgress);
        var profile = Assert.IsType<Cm.EVPowerProfileType>(msg.EVPowerProfile);
        Assert.Equal(0ul, profile.TimeAnchor);
        var entry = profile.EVPowerProfileEntries.EVPowerProfileEntry[0];
        Assert.Equal(23u, entry.Duration);
        Assert.Equal(1000.0, R(entry.Power), 9);
        var mode = Assert.IsType<Cm.Scheduled_EVPPTControlModeType>(profile.Scheduled_EVPPTControlMode);
        Assert.Equal(Cm.PowerToleranceAcceptanceType.PowerToleranceConfirmed, mode.PowerToleranceAcceptance);
        Assert.Equal(1u, mode.SelectedScheduleTupleID);
    }

    [Fact]
    public void PowerDeliveryRes_026()
    {
        var msg = Decode<Cm.PowerDeliveryResType>("libiso15118-026");
        Header(msg.Header, SessionA, 1725456333);
        Assert.Equal(Cm.ResponseCodeType.OK, msg.ResponseCode);
    }

    [Fact]
    public void ScheduleExchangeReq_027()
    {
        var msg = Decode<Cm.ScheduleExchangeReqType>("libiso15118-027");
        Header(msg.Header, "47FD3B4F132557CA", 1727082830);
        Assert.Equal(1024, msg.MaximumSupportingPoints);
        var m = Assert.IsType<Cm.Scheduled_SEReqControlModeType>(msg.Scheduled_SEReqControlMode);
        Assert.Equal(7200u, m.DepartureTime);
        Assert.Equal(10000.0, R(m.EVTargetEnergyRequest!), 9);
        Assert.Equal(20000.0, R(m.EVMaximumEnergyRequest!), 9);
        Assert.Equal(0.05, R(m.EVMinimumEnergyRequest!), 9);
        var offer = Assert.IsType<Cm.EVEnergyOfferType>(m.EVEnergyOffer);
        Assert.Equal(0ul, offer.EVPowerSchedule.TimeAnchor);
        var entry = Assert.Single(offer.EVPowerSchedule.EVPowerScheduleEntries.EVPowerScheduleEntry);
        Assert.Equal(3600u, entry.Duration);
        Assert.Equal(10000.0, R(entry.Power), 9);
        var price = offer.EVAbsolutePriceSchedule;
        Assert.Equal(0ul, price.TimeAnchor);
        Assert.Equal("EUR", price.Currency);
        Assert.Equal("urn:iso:std:iso:15118:-20:PriceAlgorithm:1-Power", price.PriceAlgorithm);
        var stack = Assert.Single(price.EVPriceRuleStacks.EVPriceRuleStack);
        Assert.Equal(0u, stack.Duration);
        var rule = Assert.Single(stack.EVPriceRule);
        Assert.Equal(0.0, R(rule.EnergyFee));
        Assert.Equal(0.0, R(rule.PowerRangeStart));
    }

    [Fact]
    public void ScheduleExchangeRes_029()
    {
        var msg = Decode<Cm.ScheduleExchangeResType>("libiso15118-029");
        Header(msg.Header, "47FD3B4F132557CA", 1727082831);
        Assert.Equal(Cm.ResponseCodeType.OK, msg.ResponseCode);
        Assert.Equal(Cm.ProcessingType.Finished, msg.EVSEProcessing);
        Assert.Null(msg.Dynamic_SEResControlMode);
        var m = Assert.IsType<Cm.Scheduled_SEResControlModeType>(msg.Scheduled_SEResControlMode);
        var tuple = Assert.Single(m.ScheduleTuple);
        Assert.Equal(1u, tuple.ScheduleTupleID);
        Assert.Equal(1727082831ul, tuple.ChargingSchedule.PowerSchedule.TimeAnchor);
        var entry = Assert.Single(tuple.ChargingSchedule.PowerSchedule.PowerScheduleEntries.PowerScheduleEntry);
        Assert.Equal(86400u, entry.Duration);
        Assert.Equal(22080.0, R(entry.Power), 9);
    }

    [Fact]
    public void ServiceDetailRes_033()
    {
        var msg = Decode<Cm.ServiceDetailResType>("libiso15118-033");
        Header(msg.Header, SessionA, 1725456323);
        Assert.Equal(2, msg.ServiceID); // ServiceCategory::DC
        Assert.Equal(Cm.ResponseCodeType.OK, msg.ResponseCode);
        var set = Assert.Single(msg.ServiceParameterList.ParameterSet);
        Assert.Equal(0, set.ParameterSetID);
        Assert.Equal(["Connector", "ControlMode", "MobilityNeedsMode", "Pricing"], set.Parameter.Select(p => p.Name));
        Assert.All(set.Parameter, p => Assert.NotNull(p.IntValue));
        // libiso15118 enums: DcConnector::Extended=2, ControlMode::Scheduled=1, MobilityNeedsMode::ProvidedByEvcc=1, Pricing::NoPricing=0
        Assert.Equal([2, 1, 1, 0], set.Parameter.Select(p => p.IntValue!.Value));
    }

    [Fact]
    public void ServiceDiscoveryRes_036()
    {
        var msg = Decode<Cm.ServiceDiscoveryResType>("libiso15118-036");
        Header(msg.Header, SessionA, 1725456322);
        Assert.Equal(Cm.ResponseCodeType.OK, msg.ResponseCode);
        Assert.False(msg.ServiceRenegotiationSupported);
        Assert.Equal(2, msg.EnergyTransferServiceList.Service.Count);
        Assert.Equal(2, msg.EnergyTransferServiceList.Service[0].ServiceID); // DC
        Assert.False(msg.EnergyTransferServiceList.Service[0].FreeService);
        Assert.Equal(6, msg.EnergyTransferServiceList.Service[1].ServiceID); // DC_BPT
        Assert.False(msg.EnergyTransferServiceList.Service[1].FreeService);
    }

    [Fact]
    public void ServiceSelectionRes_040()
    {
        var msg = Decode<Cm.ServiceSelectionResType>("libiso15118-040");
        Header(msg.Header, SessionA, 1725456323);
        Assert.Equal(Cm.ResponseCodeType.OK, msg.ResponseCode);
    }

    [Fact]
    public void SessionSetupReq_041()
    {
        var msg = Decode<Cm.SessionSetupReqType>("libiso15118-041");
        Header(msg.Header, "0000000000000000", 1739635913);
        Assert.Equal("WMIV1234567890ABCDEX", msg.EVCCID);
    }

    [Fact]
    public void SessionSetupRes_042()
    {
        var msg = Decode<Cm.SessionSetupResType>("libiso15118-042");
        Header(msg.Header, "2EFA1894DC7B9011", 1739635913);
        Assert.Equal("DE*PNX*E12345*1", msg.EVSEID);
    }

    [Fact]
    public void SessionStopReq_043()
    {
        var msg = Decode<Cm.SessionStopReqType>("libiso15118-043");
        Header(msg.Header, SessionA, 1725456343);
        Assert.Equal(Cm.ChargingSessionType.Terminate, msg.ChargingSession);
    }

    [Fact]
    public void SessionStopRes_044()
    {
        var msg = Decode<Cm.SessionStopResType>("libiso15118-044");
        Header(msg.Header, SessionA, 1725456343);
        Assert.Equal(Cm.ResponseCodeType.OK, msg.ResponseCode);
    }
}
