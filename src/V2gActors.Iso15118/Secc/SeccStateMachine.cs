using System.Security.Cryptography;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// One ISO 15118-20 session (DC, or AC once <see cref="UseEnergyTransfer"/> says the AC namespace was agreed) on the SECC side, as a pure state machine: decoded request in, response out, time
/// passed in by the caller. It enforces the message sequence (an out-of-order request is answered with its own
/// response carrying FAILED_SequenceError and ends the session), the SessionID (FAILED_UnknownSession), the sequence
/// timeout and the ongoing timeout. No sockets, no clocks, no threads: the transport owns those.
/// </summary>
public sealed class SeccStateMachine
{
    /// <summary>SessionSetupReq carries an all-zero SessionID of this length when the EV asks for a new session.</summary>
    private const int SessionIdLength = 8;

    private readonly SeccOptions _options;
    private readonly ISessionSetpointSource _setpoints;
    private readonly EvBoundsTracker _bounds;
    private readonly ChargeLoopResponder _chargeLoop;
    private readonly AcChargeLoopResponder _acChargeLoop;
    private readonly Func<byte[]> _newSessionId;
    private byte[] _sessionId = new byte[SessionIdLength];
    private SelectedService? _service;
    private DateTimeOffset? _ongoingSince;
    private byte[] _challenge = [];

    public SeccStateMachine(SeccOptions options, ISessionSetpointSource setpoints, IVehicleBoundsSink bounds,
        DateTimeOffset startedAt, Func<byte[]>? newSessionId = null)
    {
        _options = options;
        _setpoints = setpoints;
        _bounds = new EvBoundsTracker(bounds);
        _chargeLoop = new ChargeLoopResponder(options, setpoints);
        _acChargeLoop = new AcChargeLoopResponder(options, setpoints);
        _newSessionId = newSessionId ?? (() => RandomNumberGenerator.GetBytes(SessionIdLength));
        Deadline = startedAt + options.Timeouts.CommunicationSetup;
    }

    public SeccState State { get; private set; } = SeccState.WaitingForSessionSetup;

    /// <summary>Set once the session is over; every later request is ignored.</summary>
    public SeccSessionEnd? End { get; private set; }

    /// <summary>The next request must arrive before this instant (sequence timeout after the last response).</summary>
    public DateTimeOffset Deadline { get; private set; }

    public ReadOnlyMemory<byte> SessionId => _sessionId;

    public SelectedService? Service => _service;

    public EvBounds Bounds => _bounds.Current;

    /// <summary>DC unless supportedAppProtocol agreed on the -20 AC namespace.</summary>
    public EnergyTransferKind EnergyTransfer { get; private set; } = EnergyTransferKind.Dc;

    /// <summary>Called by the transport after supportedAppProtocol, before the first -20 request.</summary>
    public void UseEnergyTransfer(EnergyTransferKind kind)
    {
        if (State != SeccState.WaitingForSessionSetup) throw new InvalidOperationException("the energy transfer is fixed before SessionSetup");
        EnergyTransfer = kind;
    }

    private bool IsAc => EnergyTransfer == EnergyTransferKind.Ac;

    private bool PnCOffered => _options.PnC is { Offered: true };

    /// <summary>What the last PnC contract check concluded (for logs and tests).</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>Ends the session when the deadline has passed; the transport calls it when its read times out.</summary>
    public SeccSessionEnd? CheckTimeout(DateTimeOffset now)
    {
        if (End is null && now >= Deadline)
            Finish(new SeccSessionEnd(SeccEndReason.SequenceTimeout, State == SeccState.WaitingForSessionSetup
                ? $"no SessionSetupReq within {_options.Timeouts.CommunicationSetup.TotalSeconds:0.###} s of the connection"
                : $"no request within {_options.Timeouts.Sequence.TotalSeconds:0.###} s in {State}"));
        return End;
    }

    /// <summary>Marks the session over for a reason outside the message flow (connection closed, undecodable bytes).</summary>
    public SeccSessionEnd Abort(SeccEndReason reason, string detail)
    {
        if (End is null) Finish(new SeccSessionEnd(reason, detail));
        return End!;
    }

    public SeccReply Handle(object request, DateTimeOffset now)
    {
        if (End is not null) return new SeccReply(null, End);
        if (CheckTimeout(now) is { } timedOut) return new SeccReply(null, timedOut);

        var name = SeccMessages.NameOf(request);
        var requestSession = SeccMessages.SessionIdOf(request);
        if (requestSession is null)
            return new SeccReply(null, Abort(SeccEndReason.ProtocolError, $"{name} is not a request this SECC answers"));

        if (request is not Cm.SessionSetupReqType && State != SeccState.WaitingForSessionSetup && !requestSession.AsSpan().SequenceEqual(_sessionId))
            return Fail(request, Cm.ResponseCodeType.FAILED_UnknownSession, SeccEndReason.UnknownSession, $"{name} with an unknown SessionID", now);

        if (!Expected(request))
            return Fail(request, Cm.ResponseCodeType.FAILED_SequenceError, SeccEndReason.SequenceError, $"{name} in {State}", now);

        var reply = Dispatch(request, now);
        if (reply.End is null) Deadline = now + _options.Timeouts.Sequence;
        return reply;
    }

    private bool Expected(object request) => (request, State) switch
    {
        (Cm.SessionSetupReqType, SeccState.WaitingForSessionSetup) => true,
        (Cm.AuthorizationSetupReqType, SeccState.WaitingForAuthorizationSetup) => true,
        (Cm.AuthorizationReqType, SeccState.WaitingForAuthorization) => true,
        (Cm.ServiceDiscoveryReqType, SeccState.WaitingForServiceDiscovery) => true,
        (Cm.ServiceDetailReqType or Cm.ServiceSelectionReqType, SeccState.WaitingForServiceSelection) => true,
        (Dc.DC_ChargeParameterDiscoveryReqType, SeccState.WaitingForChargeParameterDiscovery) => !IsAc,
        (Ac.AC_ChargeParameterDiscoveryReqType, SeccState.WaitingForChargeParameterDiscovery) => IsAc,
        (Cm.ScheduleExchangeReqType, SeccState.WaitingForScheduleExchange) => true,
        (Dc.DC_CableCheckReqType, SeccState.WaitingForCableCheck) => !IsAc,
        (Dc.DC_PreChargeReqType, SeccState.WaitingForPreCharge or SeccState.PreCharging) => !IsAc,
        (Cm.PowerDeliveryReqType, SeccState.PreCharging or SeccState.ReadyForPowerDelivery or SeccState.ChargeLoop) => true,
        (Dc.DC_ChargeLoopReqType, SeccState.ChargeLoop) => !IsAc,
        (Ac.AC_ChargeLoopReqType, SeccState.ChargeLoop) => IsAc,
        (Dc.DC_WeldingDetectionReqType, SeccState.Stopping) => !IsAc,
        // Energy must stop (PowerDelivery Stop) before the session may: SessionStop is refused inside the charge loop.
        (Cm.SessionStopReqType, not (SeccState.WaitingForSessionSetup or SeccState.ChargeLoop or SeccState.Ended)) => true,
        _ => false,
    };

    private SeccReply Dispatch(object request, DateTimeOffset now) => request switch
    {
        Cm.SessionSetupReqType r => SessionSetup(r, now),
        Cm.AuthorizationSetupReqType => AuthorizationSetup(now),
        Cm.AuthorizationReqType r => Authorization(r, now),
        Cm.ServiceDiscoveryReqType => ServiceDiscovery(now),
        Cm.ServiceDetailReqType r => ServiceDetail(r, now),
        Cm.ServiceSelectionReqType r => ServiceSelection(r, now),
        Dc.DC_ChargeParameterDiscoveryReqType r => ChargeParameterDiscovery(r, now),
        Cm.ScheduleExchangeReqType r => ScheduleExchange(r, now),
        Dc.DC_CableCheckReqType r => CableCheck(r, now),
        Dc.DC_PreChargeReqType r => PreCharge(r, now),
        Cm.PowerDeliveryReqType r => PowerDelivery(r, now),
        Dc.DC_ChargeLoopReqType r => ChargeLoop(r, now),
        Dc.DC_WeldingDetectionReqType => WeldingDetection(now),
        Ac.AC_ChargeParameterDiscoveryReqType r => AcChargeParameterDiscovery(r, now),
        Ac.AC_ChargeLoopReqType r => AcChargeLoop(r, now),
        Cm.SessionStopReqType r => SessionStop(r, now),
        _ => new SeccReply(null, Abort(SeccEndReason.ProtocolError, $"{SeccMessages.NameOf(request)} has no handler")),
    };

    private SeccReply SessionSetup(Cm.SessionSetupReqType r, DateTimeOffset now)
    {
        // A paused session resumes on a new connection with its old SessionID; this SECC keeps no paused sessions
        // across connections, so every setup starts a new session (OK_NewSessionEstablished), as -20 allows.
        _sessionId = _newSessionId();
        State = SeccState.WaitingForAuthorizationSetup;
        return Ok(AsCommon(new Cm.SessionSetupResType
        {
            Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = Cm.ResponseCodeType.OK_NewSessionEstablished,
            EVSEID = _options.EvseId,
        }));
    }

    private SeccReply AuthorizationSetup(DateTimeOffset now)
    {
        State = SeccState.WaitingForAuthorization;
        return Ok(AsCommon(new Cm.AuthorizationSetupResType
        {
            Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = Cm.ResponseCodeType.OK,
            AuthorizationServices = PnCOffered ? [Cm.AuthorizationType.EIM, Cm.AuthorizationType.PnC] : [Cm.AuthorizationType.EIM],
            CertificateInstallationService = false,
            // -20 carries one authorization-mode element: with PnC offered it is PnC's (the challenge); EIM needs none.
            EIM_ASResAuthorizationMode = PnCOffered ? null : new Cm.EIM_ASResAuthorizationModeType(),
            PnC_ASResAuthorizationMode = PnCOffered ? new Cm.PnC_ASResAuthorizationModeType { GenChallenge = _challenge = ContractAuthorization.NewChallenge() } : null,
        }));
    }

    private SeccReply Authorization(Cm.AuthorizationReqType r, DateTimeOffset now)
    {
        if (r.SelectedAuthorizationService == Cm.AuthorizationType.PnC)
        {
            if (!PnCOffered || r.PnC_AReqAuthorizationMode is not { } pnc)
                return Fail(r, Cm.ResponseCodeType.FAILED, SeccEndReason.Failed,
                    PnCOffered ? "PnC selected without PnC_AReqAuthorizationMode" : "PnC authorization requested but no contract roots are configured", now);
            var (code, detail) = ContractAuthorization.Verify(pnc, _challenge, _options.PnC!, now);
            LastAuthorization = detail;
            // A refused contract is a warning: the EV may try again (e.g. with EIM) in the same session.
            if (code != Cm.ResponseCodeType.OK) return Ok(AsCommon(AuthorizationResponse(code, now)));
        }
        // EIM: identification happened outside 15118 (RFID, app); this SECC accepts it at once.
        State = SeccState.WaitingForServiceDiscovery;
        return Ok(AsCommon(AuthorizationResponse(Cm.ResponseCodeType.OK, now)));
    }

    private Cm.AuthorizationResType AuthorizationResponse(Cm.ResponseCodeType code, DateTimeOffset now) => new()
    {
        Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = code, EVSEProcessing = Cm.ProcessingType.Finished,
    };

    private SeccReply ServiceDiscovery(DateTimeOffset now)
    {
        State = SeccState.WaitingForServiceSelection;
        return Ok(AsCommon(new Cm.ServiceDiscoveryResType
        {
            Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = Cm.ResponseCodeType.OK,
            ServiceRenegotiationSupported = false, EnergyTransferServiceList = SeccOffers.EnergyTransferServices(EnergyTransfer),
        }));
    }

    private SeccReply ServiceDetail(Cm.ServiceDetailReqType r, DateTimeOffset now)
    {
        if (!EnergyServices.IsOffered(r.ServiceID, EnergyTransfer))
            return Fail(r, Cm.ResponseCodeType.FAILED_ServiceIDInvalid, SeccEndReason.Failed, $"ServiceDetail for unknown service {r.ServiceID}", now);
        return Ok(AsCommon(new Cm.ServiceDetailResType
        {
            Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = Cm.ResponseCodeType.OK,
            ServiceID = r.ServiceID, ServiceParameterList = SeccOffers.ParametersOf(r.ServiceID),
        }));
    }

    private SeccReply ServiceSelection(Cm.ServiceSelectionReqType r, DateTimeOffset now)
    {
        var selected = r.SelectedEnergyTransferService;
        if (!EnergyServices.IsOffered(selected.ServiceID, EnergyTransfer) || EnergyServices.ModeOf(selected.ParameterSetID) is not { } mode)
            return Fail(r, Cm.ResponseCodeType.FAILED_ServiceSelectionInvalid, SeccEndReason.Failed,
                $"service {selected.ServiceID} / parameter set {selected.ParameterSetID} was not offered", now);
        _service = new SelectedService(selected.ServiceID, mode);
        State = SeccState.WaitingForChargeParameterDiscovery;
        return Ok(AsCommon(new Cm.ServiceSelectionResType { Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = Cm.ResponseCodeType.OK }));
    }

    private SeccReply ChargeParameterDiscovery(Dc.DC_ChargeParameterDiscoveryReqType r, DateTimeOffset now)
    {
        var bidirectional = _service!.Bidirectional;
        // The request's energy-transfer mode must be the one the selected service implies.
        if (bidirectional != r.BPT_DC_CPDReqEnergyTransferMode is not null)
            return Fail(r, Cm.ResponseCodeType.FAILED_WrongChargeParameter, SeccEndReason.Failed, "charge parameters do not match the selected service", now);
        _bounds.Learn(r);
        State = SeccState.WaitingForScheduleExchange;
        return Ok(AsDc(SeccOffers.ChargeParameters(_options.Limits, bidirectional, SeccMessages.DcHeader(_sessionId, now))));
    }

    private SeccReply ScheduleExchange(Cm.ScheduleExchangeReqType r, DateTimeOffset now)
    {
        var dynamic = _service!.Mode == ControlMode.Dynamic;
        if (dynamic ? r.Dynamic_SEReqControlMode is null : r.Scheduled_SEReqControlMode is null)
            return Fail(r, Cm.ResponseCodeType.FAILED, SeccEndReason.Failed, $"ScheduleExchange not in the selected {_service.Mode} mode", now);
        _bounds.Learn(r, now);
        // AC has no insulation test and no pre-charge: the EV goes straight to PowerDelivery.
        State = IsAc ? SeccState.ReadyForPowerDelivery : SeccState.WaitingForCableCheck;
        var response = new Cm.ScheduleExchangeResType
        {
            Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = Cm.ResponseCodeType.OK,
            EVSEProcessing = Cm.ProcessingType.Finished,
        };
        if (dynamic) response.Dynamic_SEResControlMode = new Cm.Dynamic_SEResControlModeType();
        else response.Scheduled_SEResControlMode = SeccOffers.Schedule(_setpoints.CurrentSetpoint, _options.Limits, _service.Bidirectional, now);
        return Ok(AsCommon(response));
    }

    private SeccReply CableCheck(Dc.DC_CableCheckReqType r, DateTimeOffset now)
    {
        _ongoingSince ??= now;
        if (now - _ongoingSince.Value >= _options.Timeouts.Ongoing)
            return Fail(r, Cm.ResponseCodeType.FAILED, SeccEndReason.OngoingTimeout, "cable check still ongoing after the ongoing timeout", now);
        var done = now - _ongoingSince.Value >= _options.CableCheckDuration;
        if (done)
        {
            _ongoingSince = null;
            State = SeccState.WaitingForPreCharge;
        }
        return Ok(AsDc(new Dc.DC_CableCheckResType
        {
            Header = SeccMessages.DcHeader(_sessionId, now), ResponseCode = Dc.ResponseCodeType.OK,
            EVSEProcessing = done ? Dc.ProcessingType.Finished : Dc.ProcessingType.Ongoing,
        }));
    }

    private SeccReply PreCharge(Dc.DC_PreChargeReqType r, DateTimeOffset now)
    {
        // The simulated converter reaches the EV's target voltage at once.
        State = SeccState.PreCharging;
        return Ok(AsDc(new Dc.DC_PreChargeResType
        {
            Header = SeccMessages.DcHeader(_sessionId, now), ResponseCode = Dc.ResponseCodeType.OK, EVSEPresentVoltage = r.EVTargetVoltage,
        }));
    }

    private SeccReply PowerDelivery(Cm.PowerDeliveryReqType r, DateTimeOffset now)
    {
        var code = Cm.ResponseCodeType.OK;
        switch (r.ChargeProgress, State)
        {
            case (Cm.ChargeProgressType.Start, SeccState.PreCharging or SeccState.ReadyForPowerDelivery):
                if (_service!.Mode == ControlMode.Scheduled
                    && r.EVPowerProfile?.Scheduled_EVPPTControlMode is { } chosen && chosen.SelectedScheduleTupleID != SeccOffers.ScheduleTupleId)
                    return Fail(r, Cm.ResponseCodeType.FAILED_ScheduleSelectionInvalid, SeccEndReason.Failed, $"schedule tuple {chosen.SelectedScheduleTupleID} was not offered", now);
                State = SeccState.ChargeLoop;
                break;
            case (Cm.ChargeProgressType.Stop, SeccState.ChargeLoop):
                State = SeccState.Stopping;
                break;
            case (Cm.ChargeProgressType.Standby, SeccState.ChargeLoop):
                code = Cm.ResponseCodeType.WARNING_StandbyNotAllowed;
                break;
            case (Cm.ChargeProgressType.ScheduleRenegotiation, SeccState.ChargeLoop):
                code = Cm.ResponseCodeType.WARNING_ScheduleRenegotiationFailed;
                break;
            default:
                return Fail(r, Cm.ResponseCodeType.FAILED_SequenceError, SeccEndReason.SequenceError, $"PowerDelivery({r.ChargeProgress}) in {State}", now);
        }
        return Ok(AsCommon(new Cm.PowerDeliveryResType { Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = code }));
    }

    private SeccReply ChargeLoop(Dc.DC_ChargeLoopReqType r, DateTimeOffset now)
    {
        _bounds.Learn(r, now);
        var response = _chargeLoop.Respond(r, _service!, _bounds.Current, _sessionId, now);
        return LoopReply(response, response.Message is Dc.DC_ChargeLoopResType { ResponseCode: Dc.ResponseCodeType.OK });
    }

    private SeccReply AcChargeParameterDiscovery(Ac.AC_ChargeParameterDiscoveryReqType r, DateTimeOffset now)
    {
        var bidirectional = _service!.Bidirectional;
        if (bidirectional != r.BPT_AC_CPDReqEnergyTransferMode is not null)
            return Fail(r, Cm.ResponseCodeType.FAILED_WrongChargeParameter, SeccEndReason.Failed, "charge parameters do not match the selected service", now);
        _bounds.Learn(r);
        State = SeccState.WaitingForScheduleExchange;
        return Ok(SeccMessages.AcMessage(AcOffers.ChargeParameters(_options.Limits, bidirectional, SeccMessages.AcHeader(_sessionId, now))));
    }

    private SeccReply AcChargeLoop(Ac.AC_ChargeLoopReqType r, DateTimeOffset now)
    {
        _bounds.Learn(r, now);
        var response = _acChargeLoop.Respond(r, _service!, _bounds.Current, _sessionId, now);
        return LoopReply(response, response.Message is Ac.AC_ChargeLoopResType { ResponseCode: Ac.ResponseCodeType.OK });
    }

    private SeccReply WeldingDetection(DateTimeOffset now) => Ok(AsDc(new Dc.DC_WeldingDetectionResType
    {
        Header = SeccMessages.DcHeader(_sessionId, now), ResponseCode = Dc.ResponseCodeType.OK, EVSEPresentVoltage = Rationals.ToDc(0),
    }));

    private SeccReply SessionStop(Cm.SessionStopReqType r, DateTimeOffset now)
    {
        if (r.ChargingSession == Cm.ChargingSessionType.ServiceRenegotiation)
            return Fail(r, Cm.ResponseCodeType.FAILED_NoServiceRenegotiationSupported, SeccEndReason.Failed, "service renegotiation is not supported", now);
        var response = AsCommon(new Cm.SessionStopResType { Header = SeccMessages.CommonHeader(_sessionId, now), ResponseCode = Cm.ResponseCodeType.OK });
        var end = r.ChargingSession == Cm.ChargingSessionType.Pause
            ? new SeccSessionEnd(SeccEndReason.Paused, "EV paused the session")
            : new SeccSessionEnd(SeccEndReason.Terminated, r.EVTerminationCode is { } c ? $"EV terminated ({c})" : "EV terminated");
        return new SeccReply(response, Finish(end));
    }

    private SeccReply Ok(SeccResponse response) => new(response, null);

    /// <summary>A charge-loop answer other than OK means the request was not in the selected control mode: the session ends.</summary>
    private SeccReply LoopReply(SeccResponse response, bool ok) => ok
        ? Ok(response)
        : new SeccReply(response, Finish(new SeccSessionEnd(SeccEndReason.Failed, "charge loop request not in the selected control mode")));

    /// <summary>Answers with the request's own response type carrying <paramref name="code"/>, then ends the session.</summary>
    private SeccReply Fail(object request, Cm.ResponseCodeType code, SeccEndReason reason, string detail, DateTimeOffset now) =>
        new(SeccMessages.Failure(request, code, _sessionId, now), Finish(new SeccSessionEnd(reason, detail)));

    private SeccSessionEnd Finish(SeccSessionEnd end)
    {
        End = end;
        State = SeccState.Ended;
        return end;
    }

    private static SeccResponse AsCommon(object message) => SeccMessages.Common(message);
    private static SeccResponse AsDc(object message) => SeccMessages.DcMessage(message);
}
