using V2gActors.Iso15118.Exi;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// Knows, per -20 request type, its SessionID and how to build the matching response header and a FAILED_* response
/// (every request must be answered with its own response type, even when it is refused). Requests this SECC does
/// not handle return null: the session then stops without an answer.
/// </summary>
public static class SeccMessages
{
    public static byte[]? SessionIdOf(object request) => request switch
    {
        Cm.SessionSetupReqType r => r.Header.SessionID,
        Cm.AuthorizationSetupReqType r => r.Header.SessionID,
        Cm.AuthorizationReqType r => r.Header.SessionID,
        Cm.ServiceDiscoveryReqType r => r.Header.SessionID,
        Cm.ServiceDetailReqType r => r.Header.SessionID,
        Cm.ServiceSelectionReqType r => r.Header.SessionID,
        Cm.ScheduleExchangeReqType r => r.Header.SessionID,
        Cm.PowerDeliveryReqType r => r.Header.SessionID,
        Cm.SessionStopReqType r => r.Header.SessionID,
        Dc.DC_ChargeParameterDiscoveryReqType r => r.Header.SessionID,
        Dc.DC_CableCheckReqType r => r.Header.SessionID,
        Dc.DC_PreChargeReqType r => r.Header.SessionID,
        Dc.DC_ChargeLoopReqType r => r.Header.SessionID,
        Dc.DC_WeldingDetectionReqType r => r.Header.SessionID,
        Ac.AC_ChargeParameterDiscoveryReqType r => r.Header.SessionID,
        Ac.AC_ChargeLoopReqType r => r.Header.SessionID,
        _ => null,
    };

    public static Cm.MessageHeaderType CommonHeader(byte[] sessionId, DateTimeOffset now) =>
        new() { SessionID = sessionId, TimeStamp = (ulong)Math.Max(0, now.ToUnixTimeSeconds()) };

    public static Dc.MessageHeaderType DcHeader(byte[] sessionId, DateTimeOffset now) =>
        new() { SessionID = sessionId, TimeStamp = (ulong)Math.Max(0, now.ToUnixTimeSeconds()) };

    public static Ac.MessageHeaderType AcHeader(byte[] sessionId, DateTimeOffset now) =>
        new() { SessionID = sessionId, TimeStamp = (ulong)Math.Max(0, now.ToUnixTimeSeconds()) };

    /// <summary>The request's response type carrying <paramref name="code"/> and schema-valid filler for required content.</summary>
    public static SeccResponse? Failure(object request, Cm.ResponseCodeType code, byte[] sessionId, DateTimeOffset now)
    {
        var h = CommonHeader(sessionId, now);
        var d = DcHeader(sessionId, now);
        var dcCode = (Dc.ResponseCodeType)(int)code; // both schema sets generate the same CommonTypes enumeration
        var zero = Rationals.ToDc(0);
        return request switch
        {
            Cm.SessionSetupReqType => Common(new Cm.SessionSetupResType { Header = h, ResponseCode = code, EVSEID = "ZZ00000" }),
            Cm.AuthorizationSetupReqType => Common(new Cm.AuthorizationSetupResType
            {
                Header = h, ResponseCode = code, AuthorizationServices = [Cm.AuthorizationType.EIM],
                EIM_ASResAuthorizationMode = new Cm.EIM_ASResAuthorizationModeType(),
            }),
            Cm.AuthorizationReqType => Common(new Cm.AuthorizationResType { Header = h, ResponseCode = code, EVSEProcessing = Cm.ProcessingType.Finished }),
            Cm.ServiceDiscoveryReqType => Common(new Cm.ServiceDiscoveryResType
            {
                Header = h, ResponseCode = code,
                EnergyTransferServiceList = new Cm.ServiceListType { Service = [new Cm.ServiceType { ServiceID = EnergyServices.Dc }] },
            }),
            Cm.ServiceDetailReqType r => Common(new Cm.ServiceDetailResType
            {
                Header = h, ResponseCode = code, ServiceID = r.ServiceID,
                ServiceParameterList = new Cm.ServiceParameterListType
                {
                    ParameterSet = [new Cm.ParameterSetType { ParameterSetID = 0, Parameter = [new Cm.ParameterType { Name = "Connector", IntValue = 0 }] }],
                },
            }),
            Cm.ServiceSelectionReqType => Common(new Cm.ServiceSelectionResType { Header = h, ResponseCode = code }),
            Cm.ScheduleExchangeReqType => Common(new Cm.ScheduleExchangeResType
            {
                Header = h, ResponseCode = code, EVSEProcessing = Cm.ProcessingType.Finished,
                Dynamic_SEResControlMode = new Cm.Dynamic_SEResControlModeType(),
            }),
            Cm.PowerDeliveryReqType => Common(new Cm.PowerDeliveryResType { Header = h, ResponseCode = code }),
            Cm.SessionStopReqType => Common(new Cm.SessionStopResType { Header = h, ResponseCode = code }),
            Dc.DC_ChargeParameterDiscoveryReqType => DcMessage(new Dc.DC_ChargeParameterDiscoveryResType
            {
                Header = d, ResponseCode = dcCode,
                DC_CPDResEnergyTransferMode = new Dc.DC_CPDResEnergyTransferModeType
                {
                    EVSEMaximumChargePower = zero, EVSEMinimumChargePower = zero, EVSEMaximumChargeCurrent = zero,
                    EVSEMinimumChargeCurrent = zero, EVSEMaximumVoltage = zero, EVSEMinimumVoltage = zero,
                },
            }),
            Dc.DC_CableCheckReqType => DcMessage(new Dc.DC_CableCheckResType { Header = d, ResponseCode = dcCode, EVSEProcessing = Dc.ProcessingType.Finished }),
            Dc.DC_PreChargeReqType => DcMessage(new Dc.DC_PreChargeResType { Header = d, ResponseCode = dcCode, EVSEPresentVoltage = zero }),
            Dc.DC_ChargeLoopReqType => DcMessage(new Dc.DC_ChargeLoopResType
            {
                Header = d, ResponseCode = dcCode, EVSEPresentCurrent = zero, EVSEPresentVoltage = zero,
                Scheduled_DC_CLResControlMode = new Dc.Scheduled_DC_CLResControlModeType(),
            }),
            Dc.DC_WeldingDetectionReqType => DcMessage(new Dc.DC_WeldingDetectionResType { Header = d, ResponseCode = dcCode, EVSEPresentVoltage = zero }),
            Ac.AC_ChargeParameterDiscoveryReqType or Ac.AC_ChargeLoopReqType => AcFailure(request, code, sessionId, now),
            _ => null,
        };
    }

    private static SeccResponse AcFailure(object request, Cm.ResponseCodeType code, byte[] sessionId, DateTimeOffset now)
    {
        var h = AcHeader(sessionId, now);
        var acCode = (Ac.ResponseCodeType)(int)code; // the same CommonTypes enumeration, generated per schema set
        var zero = Rationals.ToAc(0);
        return request is Ac.AC_ChargeLoopReqType
            ? AcMessage(new Ac.AC_ChargeLoopResType { Header = h, ResponseCode = acCode, Scheduled_AC_CLResControlMode = new Ac.Scheduled_AC_CLResControlModeType() })
            : AcMessage(new Ac.AC_ChargeParameterDiscoveryResType
            {
                Header = h, ResponseCode = acCode,
                AC_CPDResEnergyTransferMode = new Ac.AC_CPDResEnergyTransferModeType
                {
                    EVSEMaximumChargePower = zero, EVSEMinimumChargePower = zero, EVSENominalFrequency = Rationals.ToAc(50),
                },
            });
    }

    public static SeccResponse AcMessage(object message) => new(ExiSchema.Ac, message);

    public static SeccResponse Common(object message) => new(ExiSchema.CommonMessages, message);
    public static SeccResponse DcMessage(object message) => new(ExiSchema.Dc, message);

    /// <summary>The readable name of a request, for end-of-session details and logs.</summary>
    public static string NameOf(object request) => request.GetType().Name.Replace("Type", "", StringComparison.Ordinal);
}
