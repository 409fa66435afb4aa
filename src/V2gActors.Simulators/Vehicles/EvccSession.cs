using System.Diagnostics;
using V2gActors.Iso15118.AppProtocol;
using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Secc;
using V2gActors.Iso15118.Transport;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using Ap = V2gActors.Iso15118.Exi.Generated.AppProtocol;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Simulators.Vehicles;

/// <summary>
/// The EV side of one -20 BPT session over an open connection: supportedAppProtocol, SessionSetup,
/// AuthorizationSetup, Authorization (EIM), ServiceDiscovery, ServiceDetail, ServiceSelection,
/// DC_/AC_ChargeParameterDiscovery, ScheduleExchange, (DC only: DC_CableCheck, DC_PreCharge), PowerDelivery(Start),
/// the charge loop, PowerDelivery(Stop), (DC only: DC_WeldingDetection), SessionStop(Terminate). Any FAILED response
/// code ends it.
/// </summary>
public sealed class EvccSession(V2gtpClientConnection connection, EvccSimulatorOptions options)
{
    private readonly List<string> _exchanges = [];
    private readonly List<ChargeLoopObservation> _loops = [];
    private byte[] _sessionId = new byte[8];
    private string? _evseId;
    private double _socPercent = options.Battery.InitialSocPercent;
    private SimulatedBattery B => options.Battery;
    private bool IsAc => options.EnergyTransfer == EnergyTransferKind.Ac;
    private ushort BptService => EnergyServices.Bidirectional(options.EnergyTransfer);

    public async Task<EvccSessionResult> RunAsync(CancellationToken ct)
    {
        try
        {
            await NegotiateAsync(ct);
            await SetupAsync(ct);
            await ChargeLoopAsync(ct);
            await StopAsync(ct);
            return Result(null);
        }
        catch (EvccAbort abort) { return Result(abort.Message); }
        catch (V2gtpClientException e) { return Result(e.Message); }
        catch (ExiEncodeException e) { return Result($"EV could not encode its request: {e.Message}"); }
        catch (IOException e) { return Result($"connection failed: {e.Message}"); }
    }

    private EvccSessionResult Result(string? failure) => new(failure is null, failure, _evseId, _exchanges.ToArray(), _loops.ToArray());

    private async Task NegotiateAsync(CancellationToken ct)
    {
        var request = new Ap.SupportedAppProtocolReqType
        {
            AppProtocol =
            [
                new Ap.AppProtocolType
                {
                    ProtocolNamespace = (IsAc ? SeccAppProtocol.Iso20Ac : SeccAppProtocol.Iso20Dc).Namespace, VersionNumberMajor = 1, VersionNumberMinor = 0, SchemaID = 1, Priority = 1,
                },
            ],
        };
        var response = await connection.ExchangeAsync<Ap.SupportedAppProtocolResType>(ExiSchema.AppProtocol, request, options.MessageTimeout, ct);
        _exchanges.Add($"SupportedAppProtocol: {response.ResponseCode}");
        if (response.ResponseCode == Ap.ResponseCodeType.Failed_NoNegotiation) throw new EvccAbort($"SECC does not speak -20 {options.EnergyTransfer}");
    }

    private async Task SetupAsync(CancellationToken ct)
    {
        var setup = await Common<Cm.SessionSetupResType>(new Cm.SessionSetupReqType { Header = CmHeader(), EVCCID = options.EvccId }, r => r.ResponseCode, ct);
        _sessionId = setup.Header.SessionID;
        _evseId = setup.EVSEID;

        var authSetup = await Common<Cm.AuthorizationSetupResType>(new Cm.AuthorizationSetupReqType { Header = CmHeader() }, r => r.ResponseCode, ct);
        if (!authSetup.AuthorizationServices.Contains(Cm.AuthorizationType.EIM)) throw new EvccAbort("SECC offers no EIM");

        var authorization = Authorization(authSetup);
        var authorized = await PollAsync(() => Common<Cm.AuthorizationResType>(authorization, r => r.ResponseCode, ct),
            r => r.EVSEProcessing == Cm.ProcessingType.Finished, "Authorization", ct);
        // A refused contract is a warning: the SECC keeps the session, and EIM still works.
        if (authorized.ResponseCode != Cm.ResponseCodeType.OK) throw new EvccAbort($"PnC authorization refused: {authorized.ResponseCode}");

        var discovery = await Common<Cm.ServiceDiscoveryResType>(new Cm.ServiceDiscoveryReqType { Header = CmHeader() }, r => r.ResponseCode, ct);
        if (!discovery.EnergyTransferServiceList.Service.Any(s => s.ServiceID == BptService)) throw new EvccAbort($"SECC offers no {options.EnergyTransfer}_BPT");

        var detail = await Common<Cm.ServiceDetailResType>(new Cm.ServiceDetailReqType { Header = CmHeader(), ServiceID = BptService }, r => r.ResponseCode, ct);
        var wantedMode = options.ControlMode == ControlMode.Dynamic ? 2 : 1;
        var set = detail.ServiceParameterList.ParameterSet.FirstOrDefault(p => p.Parameter.Any(x => x.Name == "ControlMode" && x.IntValue == wantedMode))
            ?? throw new EvccAbort($"SECC offers no {options.ControlMode} parameter set for {options.EnergyTransfer}_BPT");

        await Common<Cm.ServiceSelectionResType>(new Cm.ServiceSelectionReqType
        {
            Header = CmHeader(), SelectedEnergyTransferService = new Cm.SelectedServiceType { ServiceID = BptService, ParameterSetID = set.ParameterSetID },
        }, r => r.ResponseCode, ct);

        if (IsAc) await AcExchange<Ac.AC_ChargeParameterDiscoveryResType>(AcEvccRequests.ChargeParameters(AcHeader(), B), r => r.ResponseCode, ct);
        else await DcExchange<Dc.DC_ChargeParameterDiscoveryResType>(new Dc.DC_ChargeParameterDiscoveryReqType
        {
            Header = DcHeader(),
            BPT_DC_CPDReqEnergyTransferMode = new Dc.BPT_DC_CPDReqEnergyTransferModeType
            {
                EVMaximumChargePower = R(B.MaxChargePowerW), EVMinimumChargePower = R(0),
                EVMaximumChargeCurrent = R(B.MaxChargeCurrentA), EVMinimumChargeCurrent = R(0),
                EVMaximumVoltage = R(B.MaxVoltageV), EVMinimumVoltage = R(B.MinVoltageV), TargetSOC = (sbyte)B.TargetSocPercent,
                EVMaximumDischargePower = R(B.MaxDischargePowerW), EVMinimumDischargePower = R(0),
                EVMaximumDischargeCurrent = R(B.MaxDischargeCurrentA), EVMinimumDischargeCurrent = R(0),
            },
        }, r => r.ResponseCode, ct);

        var exchange = new Cm.ScheduleExchangeReqType { Header = CmHeader(), MaximumSupportingPoints = 1024 };
        if (options.ControlMode == ControlMode.Dynamic)
            exchange.Dynamic_SEReqControlMode = new Cm.Dynamic_SEReqControlModeType
            {
                DepartureTime = B.DepartureInSeconds, MinimumSOC = (sbyte)B.MinimumSocPercent, TargetSOC = (sbyte)B.TargetSocPercent,
                EVTargetEnergyRequest = Rationals.ToCommon(EnergyTo(B.TargetSocPercent)),
                EVMaximumEnergyRequest = Rationals.ToCommon(EnergyTo(100)),
                EVMinimumEnergyRequest = Rationals.ToCommon(EnergyTo(B.MinimumSocPercent)),
                EVMaximumV2XEnergyRequest = Rationals.ToCommon(EnergyTo(100)),
                EVMinimumV2XEnergyRequest = Rationals.ToCommon(EnergyTo(B.MinimumSocPercent)),
            };
        else
            exchange.Scheduled_SEReqControlMode = new Cm.Scheduled_SEReqControlModeType
            {
                DepartureTime = B.DepartureInSeconds, EVTargetEnergyRequest = Rationals.ToCommon(EnergyTo(B.TargetSocPercent)),
            };
        await PollAsync(() => Common<Cm.ScheduleExchangeResType>(exchange, r => r.ResponseCode, ct),
            r => r.EVSEProcessing == Cm.ProcessingType.Finished, "ScheduleExchange", ct);

        if (!IsAc) await PrepareDcAsync(ct);

        var start = new Cm.PowerDeliveryReqType { Header = CmHeader(), EVProcessing = Cm.ProcessingType.Finished, ChargeProgress = Cm.ChargeProgressType.Start };
        if (options.ControlMode == ControlMode.Scheduled)
            start.EVPowerProfile = new Cm.EVPowerProfileType
            {
                TimeAnchor = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                Scheduled_EVPPTControlMode = new Cm.Scheduled_EVPPTControlModeType { SelectedScheduleTupleID = SeccOffers.ScheduleTupleId },
                EVPowerProfileEntries = new Cm.EVPowerProfileEntryListType
                {
                    EVPowerProfileEntry = [new Cm.PowerScheduleEntryType { Duration = B.DepartureInSeconds, Power = Rationals.ToCommon(0) }],
                },
            };
        await Common<Cm.PowerDeliveryResType>(start, r => r.ResponseCode, ct);
    }

    /// <summary>DC only: the insulation test and pre-charge before energy flows.</summary>
    private async Task PrepareDcAsync(CancellationToken ct)
    {
        await PollAsync(() => DcExchange<Dc.DC_CableCheckResType>(new Dc.DC_CableCheckReqType { Header = DcHeader() }, r => r.ResponseCode, ct),
            r => r.EVSEProcessing == Dc.ProcessingType.Finished, "DC_CableCheck", ct);

        await PollAsync(() => DcExchange<Dc.DC_PreChargeResType>(new Dc.DC_PreChargeReqType
        {
            Header = DcHeader(), EVProcessing = Dc.ProcessingType.Ongoing,
            EVPresentVoltage = R(B.NominalVoltageV), EVTargetVoltage = R(B.NominalVoltageV),
        }, r => r.ResponseCode, ct), r => Math.Abs(r.EVSEPresentVoltage.ToDouble() - B.NominalVoltageV) < 20, "DC_PreCharge", ct);
    }

    /// <summary>PnC with the contract when the SECC offers it (echoing its challenge), otherwise EIM.</summary>
    private Cm.AuthorizationReqType Authorization(Cm.AuthorizationSetupResType setup)
    {
        if (options.Contract is { } contract && setup.PnC_ASResAuthorizationMode is { } pnc && setup.AuthorizationServices.Contains(Cm.AuthorizationType.PnC))
            return new Cm.AuthorizationReqType
            {
                Header = CmHeader(), SelectedAuthorizationService = Cm.AuthorizationType.PnC,
                PnC_AReqAuthorizationMode = new Cm.PnC_AReqAuthorizationModeType
                {
                    Id = "pnc", GenChallenge = pnc.GenChallenge,
                    ContractCertificateChain = new Cm.ContractCertificateChainType
                    {
                        Certificate = contract.Certificate, SubCertificates = new Cm.SubCertificatesType { Certificate = [.. contract.SubCertificates] },
                    },
                },
            };
        return new Cm.AuthorizationReqType
        {
            Header = CmHeader(), SelectedAuthorizationService = Cm.AuthorizationType.EIM,
            EIM_AReqAuthorizationMode = new Cm.EIM_AReqAuthorizationModeType(),
        };
    }

    private async Task ChargeLoopAsync(CancellationToken ct)
    {
        var lastAt = Stopwatch.GetTimestamp();
        var powerW = 0.0;
        for (var i = 0; i < options.MaxChargeLoops; i++)
        {
            if (i > 0) await Task.Delay(options.ChargeLoopInterval, ct);
            var sent = Stopwatch.GetTimestamp();
            // The battery follows the power the SECC last asked for, between one exchange and the next.
            _socPercent = Math.Clamp(_socPercent + powerW * Stopwatch.GetElapsedTime(lastAt, sent).TotalHours / B.CapacityWh * 100, 0, 100);
            lastAt = sent;
            var next = IsAc
                ? TargetOf(await AcExchange<Ac.AC_ChargeLoopResType>(
                    AcEvccRequests.ChargeLoop(AcHeader(), B, options.ControlMode, _socPercent, powerW, EnergyTo), r => r.ResponseCode, ct, record: false))
                : TargetOf(await DcExchange<Dc.DC_ChargeLoopResType>(ChargeLoopRequest(), r => r.ResponseCode, ct, record: false));
            var received = Stopwatch.GetTimestamp();
            powerW = next;
            var observation = new ChargeLoopObservation(i, powerW, Stopwatch.GetElapsedTime(sent, received), sent, received, _socPercent);
            _loops.Add(observation);
            options.OnChargeLoop?.Invoke(observation);
            if (options.StopWhen?.Invoke(observation) == true) break;
        }
        _exchanges.Add($"{(IsAc ? "AC" : "DC")}_ChargeLoop: {_loops.Count} × OK");
    }

    private double TargetOf(Dc.DC_ChargeLoopResType r) => r switch
    {
        { BPT_Dynamic_DC_CLResControlMode: { } d } => BptDynamicWindow.Read(d),
        { BPT_Scheduled_DC_CLResControlMode: { } s } => s.EVSEMaximumChargePower?.ToDouble() is > 0 and var c ? c : -(s.EVSEMaximumDischargePower?.ToDouble() ?? 0),
        _ => throw new EvccAbort("charge loop response is not in the BPT control mode the EV selected"),
    };

    private static double TargetOf(Ac.AC_ChargeLoopResType r) => r switch
    {
        { BPT_Dynamic_AC_CLResControlMode: not null } or { BPT_Scheduled_AC_CLResControlMode: not null } =>
            AcChargeLoopResponder.TargetOf(r) ?? 0,
        _ => throw new EvccAbort("charge loop response is not in the BPT control mode the EV selected"),
    };

    private Dc.DC_ChargeLoopReqType ChargeLoopRequest()
    {
        var request = new Dc.DC_ChargeLoopReqType
        {
            Header = DcHeader(), MeterInfoRequested = false, EVPresentVoltage = R(B.NominalVoltageV),
            DisplayParameters = new Dc.DisplayParametersType
            {
                PresentSOC = (sbyte)Math.Round(_socPercent), MinimumSOC = (sbyte)B.MinimumSocPercent, TargetSOC = (sbyte)B.TargetSocPercent,
            },
        };
        if (options.ControlMode == ControlMode.Dynamic)
            request.BPT_Dynamic_DC_CLReqControlMode = new Dc.BPT_Dynamic_DC_CLReqControlModeType
            {
                DepartureTime = B.DepartureInSeconds,
                EVTargetEnergyRequest = R(EnergyTo(B.TargetSocPercent)), EVMaximumEnergyRequest = R(EnergyTo(100)),
                EVMinimumEnergyRequest = R(EnergyTo(B.MinimumSocPercent)),
                EVMaximumChargePower = R(B.MaxChargePowerW), EVMinimumChargePower = R(0), EVMaximumChargeCurrent = R(B.MaxChargeCurrentA),
                EVMaximumVoltage = R(B.MaxVoltageV), EVMinimumVoltage = R(B.MinVoltageV),
                EVMaximumDischargePower = R(B.MaxDischargePowerW), EVMinimumDischargePower = R(0), EVMaximumDischargeCurrent = R(B.MaxDischargeCurrentA),
                EVMaximumV2XEnergyRequest = R(EnergyTo(100)), EVMinimumV2XEnergyRequest = R(EnergyTo(B.MinimumSocPercent)),
            };
        else
            request.BPT_Scheduled_DC_CLReqControlMode = new Dc.BPT_Scheduled_DC_CLReqControlModeType
            {
                EVTargetCurrent = R(0), EVTargetVoltage = R(B.NominalVoltageV),
                EVMaximumChargePower = R(B.MaxChargePowerW), EVMaximumDischargePower = R(B.MaxDischargePowerW),
            };
        return request;
    }

    private async Task StopAsync(CancellationToken ct)
    {
        await Common<Cm.PowerDeliveryResType>(new Cm.PowerDeliveryReqType
        {
            Header = CmHeader(), EVProcessing = Cm.ProcessingType.Finished, ChargeProgress = Cm.ChargeProgressType.Stop,
        }, r => r.ResponseCode, ct);
        if (!IsAc) await DcExchange<Dc.DC_WeldingDetectionResType>(new Dc.DC_WeldingDetectionReqType { Header = DcHeader(), EVProcessing = Dc.ProcessingType.Finished }, r => r.ResponseCode, ct);
        await Common<Cm.SessionStopResType>(new Cm.SessionStopReqType { Header = CmHeader(), ChargingSession = Cm.ChargingSessionType.Terminate }, r => r.ResponseCode, ct);
    }

    /// <summary>Repeats an exchange while the SECC answers Ongoing, at most MaxOngoingPolls times.</summary>
    private async Task<T> PollAsync<T>(Func<Task<T>> exchange, Func<T, bool> finished, string name, CancellationToken ct)
    {
        for (var i = 0; i < options.MaxOngoingPolls; i++)
        {
            var response = await exchange();
            if (finished(response)) return response;
            await Task.Delay(options.OngoingPollInterval, ct);
        }
        throw new EvccAbort($"{name} still not finished after {options.MaxOngoingPolls} polls");
    }

    private Task<T> Common<T>(object request, Func<T, Cm.ResponseCodeType> code, CancellationToken ct) =>
        ExchangeAsync<T>(ExiSchema.CommonMessages, request, r => (int)code(r), r => code(r).ToString(), ct, true);

    private Task<T> DcExchange<T>(object request, Func<T, Dc.ResponseCodeType> code, CancellationToken ct, bool record = true) =>
        ExchangeAsync<T>(ExiSchema.Dc, request, r => (int)code(r), r => code(r).ToString(), ct, record);

    private Task<T> AcExchange<T>(object request, Func<T, Ac.ResponseCodeType> code, CancellationToken ct, bool record = true) =>
        ExchangeAsync<T>(ExiSchema.Ac, request, r => (int)code(r), r => code(r).ToString(), ct, record);

    private async Task<T> ExchangeAsync<T>(ExiSchema schema, object request, Func<T, int> code, Func<T, string> codeName, CancellationToken ct, bool record)
    {
        var response = await connection.ExchangeAsync<T>(schema, request, options.MessageTimeout, ct);
        var name = request.GetType().Name.Replace("ReqType", "", StringComparison.Ordinal);
        if (record) _exchanges.Add($"{name}: {codeName(response)}");
        // -20 orders its response codes OK*, WARNING*, FAILED*: anything from FAILED (21) on ends the session.
        if (code(response) >= (int)Cm.ResponseCodeType.FAILED) throw new EvccAbort($"{name} answered {codeName(response)}");
        return response;
    }

    private double EnergyTo(double socPercent) => Math.Max(0, (socPercent - _socPercent) / 100 * B.CapacityWh);

    private Cm.MessageHeaderType CmHeader() => new() { SessionID = _sessionId, TimeStamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
    private Dc.MessageHeaderType DcHeader() => new() { SessionID = _sessionId, TimeStamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
    private Ac.MessageHeaderType AcHeader() => new() { SessionID = _sessionId, TimeStamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
    private static Dc.RationalNumberType R(double value) => Rationals.ToDc(value);

    private sealed class EvccAbort(string message) : Exception(message);
}
