using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Secc;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Tests.Secc;

/// <summary>Records what the SECC reported about the EV.</summary>
internal sealed class RecordingBoundsSink : IVehicleBoundsSink
{
    public List<EvBounds> Learned { get; } = [];
    public void BoundsLearned(EvBounds bounds) => Learned.Add(bounds);
}

/// <summary>
/// Drives a <see cref="SeccStateMachine"/> the way an EV would, on a hand-held clock. Every response is pushed through
/// the real EXI encoder and decoder, so a response the schema would reject fails the test here rather than on a socket.
/// </summary>
internal sealed class SeccScript
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    public static readonly byte[] FixedSessionId = [1, 2, 3, 4, 5, 6, 7, 8];

    public SeccScript(SeccOptions? options = null, SeccSetpoint? setpoint = null)
    {
        Context = new SeccSessionContext(Sink, setpoint);
        Machine = new SeccStateMachine(options ?? SeccOptions.Default(), Context, Sink, T0, () => (byte[])FixedSessionId.Clone());
    }

    public RecordingBoundsSink Sink { get; } = new();
    public SeccSessionContext Context { get; }
    public SeccStateMachine Machine { get; }
    public DateTimeOffset Now { get; set; } = T0;
    public byte[] SessionId { get; set; } = new byte[8];

    /// <summary>Sends a request a second later than the previous one and returns the decoded response body.</summary>
    public T Send<T>(object request) where T : class
    {
        Now += TimeSpan.FromSeconds(1);
        var reply = Machine.Handle(request, Now);
        Assert.NotNull(reply.Response);
        var bytes = ExiCodec.Encode(reply.Response!.Schema, reply.Response.Message);
        Assert.True(ExiCodec.TryDecode(reply.Response.Schema, bytes, out var doc, out var error), error);
        LastReply = reply;
        return Assert.IsType<T>(doc.Body);
    }

    public SeccReply? LastReply { get; private set; }

    public Cm.MessageHeaderType CmHeader() => new() { SessionID = SessionId, TimeStamp = 1 };
    public Dc.MessageHeaderType DcHeader() => new() { SessionID = SessionId, TimeStamp = 1 };

    public static Dc.RationalNumberType R(double v) => Rationals.ToDc(v);

    public Cm.SessionSetupReqType SessionSetup() => new() { Header = CmHeader(), EVCCID = "WMITEST0001" };
    public Cm.AuthorizationSetupReqType AuthorizationSetup() => new() { Header = CmHeader() };
    public Cm.AuthorizationReqType AuthorizationEim() => new()
    {
        Header = CmHeader(), SelectedAuthorizationService = Cm.AuthorizationType.EIM, EIM_AReqAuthorizationMode = new(),
    };
    public Cm.ServiceDiscoveryReqType ServiceDiscovery() => new() { Header = CmHeader() };
    public Cm.ServiceDetailReqType ServiceDetail(ushort id) => new() { Header = CmHeader(), ServiceID = id };
    public Cm.ServiceSelectionReqType ServiceSelection(ushort id, ushort set) => new()
    {
        Header = CmHeader(), SelectedEnergyTransferService = new Cm.SelectedServiceType { ServiceID = id, ParameterSetID = set },
    };

    public Dc.DC_ChargeParameterDiscoveryReqType BptChargeParameters() => new()
    {
        Header = DcHeader(),
        BPT_DC_CPDReqEnergyTransferMode = new Dc.BPT_DC_CPDReqEnergyTransferModeType
        {
            EVMaximumChargePower = R(50_000), EVMinimumChargePower = R(0), EVMaximumChargeCurrent = R(125), EVMinimumChargeCurrent = R(0),
            EVMaximumVoltage = R(450), EVMinimumVoltage = R(300), TargetSOC = 80,
            EVMaximumDischargePower = R(11_000), EVMinimumDischargePower = R(0), EVMaximumDischargeCurrent = R(30), EVMinimumDischargeCurrent = R(0),
        },
    };

    public Dc.DC_ChargeParameterDiscoveryReqType DcChargeParameters() => new()
    {
        Header = DcHeader(),
        DC_CPDReqEnergyTransferMode = new Dc.DC_CPDReqEnergyTransferModeType
        {
            EVMaximumChargePower = R(50_000), EVMinimumChargePower = R(0), EVMaximumChargeCurrent = R(125), EVMinimumChargeCurrent = R(0),
            EVMaximumVoltage = R(450), EVMinimumVoltage = R(300),
        },
    };

    public Cm.ScheduleExchangeReqType DynamicScheduleExchange() => new()
    {
        Header = CmHeader(), MaximumSupportingPoints = 1024,
        Dynamic_SEReqControlMode = new Cm.Dynamic_SEReqControlModeType
        {
            DepartureTime = 7200, MinimumSOC = 20, TargetSOC = 80,
            EVTargetEnergyRequest = Rationals.ToCommon(18_000), EVMaximumEnergyRequest = Rationals.ToCommon(30_000),
            EVMinimumEnergyRequest = Rationals.ToCommon(0),
        },
    };

    public Cm.ScheduleExchangeReqType ScheduledScheduleExchange() => new()
    {
        Header = CmHeader(), MaximumSupportingPoints = 1024,
        Scheduled_SEReqControlMode = new Cm.Scheduled_SEReqControlModeType { DepartureTime = 7200 },
    };

    public Dc.DC_CableCheckReqType CableCheck() => new() { Header = DcHeader() };
    public Dc.DC_PreChargeReqType PreCharge() => new()
    {
        Header = DcHeader(), EVProcessing = Dc.ProcessingType.Ongoing, EVPresentVoltage = R(398), EVTargetVoltage = R(400),
    };
    public Cm.PowerDeliveryReqType PowerDelivery(Cm.ChargeProgressType progress) => new()
    {
        Header = CmHeader(), EVProcessing = Cm.ProcessingType.Finished, ChargeProgress = progress,
    };

    public Dc.DC_ChargeLoopReqType BptDynamicLoop(double evMaxDischargeW = 11_000, bool meter = false) => new()
    {
        Header = DcHeader(), MeterInfoRequested = meter, EVPresentVoltage = R(400),
        DisplayParameters = new Dc.DisplayParametersType { PresentSOC = 55 },
        BPT_Dynamic_DC_CLReqControlMode = new Dc.BPT_Dynamic_DC_CLReqControlModeType
        {
            // A real EV counts down to a fixed departure; Send handles the request one second after Now.
            DepartureTime = (uint)(T0 + TimeSpan.FromHours(2) - (Now + TimeSpan.FromSeconds(1))).TotalSeconds,
            EVTargetEnergyRequest = R(18_000), EVMaximumEnergyRequest = R(30_000), EVMinimumEnergyRequest = R(0),
            EVMaximumChargePower = R(50_000), EVMinimumChargePower = R(0), EVMaximumChargeCurrent = R(125),
            EVMaximumVoltage = R(450), EVMinimumVoltage = R(300),
            EVMaximumDischargePower = R(evMaxDischargeW), EVMinimumDischargePower = R(0), EVMaximumDischargeCurrent = R(30),
        },
    };

    public Dc.DC_ChargeLoopReqType DynamicLoop() => new()
    {
        Header = DcHeader(), EVPresentVoltage = R(400),
        Dynamic_DC_CLReqControlMode = new Dc.Dynamic_DC_CLReqControlModeType
        {
            EVTargetEnergyRequest = R(18_000), EVMaximumEnergyRequest = R(30_000), EVMinimumEnergyRequest = R(0),
            EVMaximumChargePower = R(50_000), EVMinimumChargePower = R(0), EVMaximumChargeCurrent = R(125),
            EVMaximumVoltage = R(450), EVMinimumVoltage = R(300),
        },
    };

    public Dc.DC_WeldingDetectionReqType WeldingDetection() => new() { Header = DcHeader(), EVProcessing = Dc.ProcessingType.Finished };
    public Cm.SessionStopReqType SessionStop(Cm.ChargingSessionType kind = Cm.ChargingSessionType.Terminate) => new()
    {
        Header = CmHeader(), ChargingSession = kind,
    };

    /// <summary>Runs the sequence up to (and including) PowerDelivery(Start) for the given service and parameter set.</summary>
    public void UpToChargeLoop(ushort serviceId = EnergyServices.DcBpt, ushort parameterSet = EnergyServices.DynamicParameterSet)
    {
        var setup = Send<Cm.SessionSetupResType>(SessionSetup());
        SessionId = setup.Header.SessionID;
        Send<Cm.AuthorizationSetupResType>(AuthorizationSetup());
        Send<Cm.AuthorizationResType>(AuthorizationEim());
        Send<Cm.ServiceDiscoveryResType>(ServiceDiscovery());
        Send<Cm.ServiceDetailResType>(ServiceDetail(serviceId));
        Send<Cm.ServiceSelectionResType>(ServiceSelection(serviceId, parameterSet));
        Send<Dc.DC_ChargeParameterDiscoveryResType>(serviceId == EnergyServices.DcBpt ? BptChargeParameters() : DcChargeParameters());
        Send<Cm.ScheduleExchangeResType>(parameterSet == EnergyServices.DynamicParameterSet ? DynamicScheduleExchange() : ScheduledScheduleExchange());
        Send<Dc.DC_CableCheckResType>(CableCheck());
        Send<Dc.DC_PreChargeResType>(PreCharge());
        var start = Send<Cm.PowerDeliveryResType>(PowerDelivery(Cm.ChargeProgressType.Start));
        Assert.Equal(Cm.ResponseCodeType.OK, start.ResponseCode);
        Assert.Equal(SeccState.ChargeLoop, Machine.State);
    }
}
