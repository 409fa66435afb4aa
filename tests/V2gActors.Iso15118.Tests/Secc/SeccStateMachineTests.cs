using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Secc;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Tests.Secc;

public sealed class SeccStateMachineTests
{
    [Fact]
    public void A_dc_bpt_dynamic_session_runs_from_setup_to_stop_and_the_loop_follows_the_held_setpoint()
    {
        var s = new SeccScript(setpoint: new SeccSetpoint(7_000));

        var setup = s.Send<Cm.SessionSetupResType>(s.SessionSetup());
        Assert.Equal(Cm.ResponseCodeType.OK_NewSessionEstablished, setup.ResponseCode);
        Assert.Equal(SeccScript.FixedSessionId, setup.Header.SessionID);
        s.SessionId = setup.Header.SessionID;

        var authSetup = s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());
        Assert.Equal([Cm.AuthorizationType.EIM], authSetup.AuthorizationServices);
        Assert.Equal(Cm.ProcessingType.Finished, s.Send<Cm.AuthorizationResType>(s.AuthorizationEim()).EVSEProcessing);

        var services = s.Send<Cm.ServiceDiscoveryResType>(s.ServiceDiscovery());
        Assert.Contains(services.EnergyTransferServiceList.Service, x => x.ServiceID == EnergyServices.DcBpt);
        var detail = s.Send<Cm.ServiceDetailResType>(s.ServiceDetail(EnergyServices.DcBpt));
        Assert.Contains(detail.ServiceParameterList.ParameterSet, p =>
            p.ParameterSetID == EnergyServices.DynamicParameterSet && p.Parameter.Any(x => x.Name == "ControlMode" && x.IntValue == 2));
        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.ServiceSelectionResType>(s.ServiceSelection(EnergyServices.DcBpt, EnergyServices.DynamicParameterSet)).ResponseCode);

        var cpd = s.Send<Dc.DC_ChargeParameterDiscoveryResType>(s.BptChargeParameters());
        Assert.NotNull(cpd.BPT_DC_CPDResEnergyTransferMode);
        Assert.Equal(50_000, cpd.BPT_DC_CPDResEnergyTransferMode!.EVSEMaximumDischargePower.ToDouble());
        Assert.Equal(11_000, s.Sink.Learned[^1].MaxDischargePowerW);

        var schedule = s.Send<Cm.ScheduleExchangeResType>(s.DynamicScheduleExchange());
        Assert.NotNull(schedule.Dynamic_SEResControlMode);
        Assert.Equal(18_000, s.Sink.Learned[^1].TargetEnergyRequestWh);
        Assert.Equal(s.Now + TimeSpan.FromSeconds(7200), s.Sink.Learned[^1].Departure);

        Assert.Equal(Dc.ProcessingType.Finished, s.Send<Dc.DC_CableCheckResType>(s.CableCheck()).EVSEProcessing);
        Assert.Equal(400, s.Send<Dc.DC_PreChargeResType>(s.PreCharge()).EVSEPresentVoltage.ToDouble());
        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.PowerDeliveryResType>(s.PowerDelivery(Cm.ChargeProgressType.Start)).ResponseCode);

        var charging = s.Send<Dc.DC_ChargeLoopResType>(s.BptDynamicLoop());
        Assert.Equal(Dc.ResponseCodeType.OK, charging.ResponseCode);
        Assert.Equal(7_000, BptDynamicWindow.Read(charging.BPT_Dynamic_DC_CLResControlMode!));
        Assert.Equal(17.5, charging.EVSEPresentCurrent.ToDouble());
        Assert.Equal(55, s.Sink.Learned[^1].PresentSocPercent);

        // Dispatch moves the held setpoint to discharge: the very next loop answer carries it.
        s.Context.UpdateSetpoint(new SeccSetpoint(-5_000));
        var discharging = s.Send<Dc.DC_ChargeLoopResType>(s.BptDynamicLoop(meter: true));
        Assert.Equal(-5_000, BptDynamicWindow.Read(discharging.BPT_Dynamic_DC_CLResControlMode!));
        Assert.Equal(0, discharging.BPT_Dynamic_DC_CLResControlMode!.EVSEMaximumChargePower.ToDouble());
        Assert.Equal(5_000, discharging.BPT_Dynamic_DC_CLResControlMode.EVSEMinimumDischargePower.ToDouble());
        Assert.False(discharging.EVSEPowerLimitAchieved);
        Assert.NotNull(discharging.MeterInfo);
        Assert.True(discharging.MeterInfo!.ChargedEnergyReadingWh >= 1); // 7 kW for 1 s ≈ 1.9 Wh

        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.PowerDeliveryResType>(s.PowerDelivery(Cm.ChargeProgressType.Stop)).ResponseCode);
        Assert.Equal(Dc.ResponseCodeType.OK, s.Send<Dc.DC_WeldingDetectionResType>(s.WeldingDetection()).ResponseCode);
        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.SessionStopResType>(s.SessionStop()).ResponseCode);
        Assert.Equal(SeccEndReason.Terminated, s.Machine.End!.Reason);
        Assert.Equal(SeccState.Ended, s.Machine.State);
    }

    [Fact]
    public void The_setpoint_is_limited_by_what_the_ev_can_discharge()
    {
        var s = new SeccScript(setpoint: new SeccSetpoint(-40_000));
        s.UpToChargeLoop();

        var response = s.Send<Dc.DC_ChargeLoopResType>(s.BptDynamicLoop(evMaxDischargeW: 9_000));

        Assert.Equal(-9_000, BptDynamicWindow.Read(response.BPT_Dynamic_DC_CLResControlMode!));
        Assert.True(response.EVSEPowerLimitAchieved);
    }

    [Fact]
    public void A_charge_only_dynamic_service_never_discharges()
    {
        var s = new SeccScript(setpoint: new SeccSetpoint(-5_000));
        s.UpToChargeLoop(EnergyServices.Dc, EnergyServices.DynamicParameterSet);

        var response = s.Send<Dc.DC_ChargeLoopResType>(s.DynamicLoop());

        Assert.Equal(0, response.Dynamic_DC_CLResControlMode!.EVSEMaximumChargePower.ToDouble());
        Assert.Null(response.BPT_Dynamic_DC_CLResControlMode);
    }

    [Fact]
    public void Scheduled_mode_offers_a_charge_and_discharge_envelope_and_loops_in_bpt_scheduled()
    {
        var s = new SeccScript(setpoint: new SeccSetpoint(-3_000, MaxDischargePowerW: 10_000));
        var setup = s.Send<Cm.SessionSetupResType>(s.SessionSetup());
        s.SessionId = setup.Header.SessionID;
        s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());
        s.Send<Cm.AuthorizationResType>(s.AuthorizationEim());
        s.Send<Cm.ServiceDiscoveryResType>(s.ServiceDiscovery());
        s.Send<Cm.ServiceSelectionResType>(s.ServiceSelection(EnergyServices.DcBpt, EnergyServices.ScheduledParameterSet));
        s.Send<Dc.DC_ChargeParameterDiscoveryResType>(s.BptChargeParameters());

        var schedule = s.Send<Cm.ScheduleExchangeResType>(s.ScheduledScheduleExchange());
        var tuple = Assert.Single(schedule.Scheduled_SEResControlMode!.ScheduleTuple);
        Assert.Equal(10_000, tuple.DischargingSchedule!.PowerSchedule.PowerScheduleEntries.PowerScheduleEntry[0].Power.ToDouble());

        s.Send<Dc.DC_CableCheckResType>(s.CableCheck());
        s.Send<Dc.DC_PreChargeResType>(s.PreCharge());
        s.Send<Cm.PowerDeliveryResType>(s.PowerDelivery(Cm.ChargeProgressType.Start));
        var loop = s.Send<Dc.DC_ChargeLoopResType>(new Dc.DC_ChargeLoopReqType
        {
            Header = s.DcHeader(), EVPresentVoltage = SeccScript.R(400),
            BPT_Scheduled_DC_CLReqControlMode = new Dc.BPT_Scheduled_DC_CLReqControlModeType { EVTargetCurrent = SeccScript.R(-7), EVTargetVoltage = SeccScript.R(400) },
        });
        Assert.Equal(3_000, loop.BPT_Scheduled_DC_CLResControlMode!.EVSEMaximumDischargePower!.ToDouble());
    }

    [Fact]
    public void An_out_of_order_request_is_answered_with_its_own_response_and_sequence_error_and_ends_the_session()
    {
        var s = new SeccScript();
        var setup = s.Send<Cm.SessionSetupResType>(s.SessionSetup());
        s.SessionId = setup.Header.SessionID;

        var response = s.Send<Dc.DC_ChargeLoopResType>(s.BptDynamicLoop());

        Assert.Equal(Dc.ResponseCodeType.FAILED_SequenceError, response.ResponseCode);
        Assert.Equal(SeccEndReason.SequenceError, s.Machine.End!.Reason);
        // The session is over: a later, otherwise valid request gets no answer.
        var after = s.Machine.Handle(s.AuthorizationSetup(), s.Now + TimeSpan.FromSeconds(1));
        Assert.Null(after.Response);
        Assert.Equal(SeccEndReason.SequenceError, after.End!.Reason);
    }

    [Fact]
    public void Pausing_after_power_delivery_stop_ends_the_session_as_paused()
    {
        var s = new SeccScript();
        s.UpToChargeLoop();
        s.Send<Cm.PowerDeliveryResType>(s.PowerDelivery(Cm.ChargeProgressType.Stop));

        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.SessionStopResType>(s.SessionStop(Cm.ChargingSessionType.Pause)).ResponseCode);
        Assert.Equal(SeccEndReason.Paused, s.Machine.End!.Reason);
    }

    [Fact]
    public void Session_stop_inside_the_charge_loop_is_a_sequence_error()
    {
        var s = new SeccScript();
        s.UpToChargeLoop();

        var response = s.Send<Cm.SessionStopResType>(s.SessionStop());

        Assert.Equal(Cm.ResponseCodeType.FAILED_SequenceError, response.ResponseCode);
        Assert.Equal(SeccEndReason.SequenceError, s.Machine.End!.Reason);
    }

    [Fact]
    public void A_second_session_setup_is_a_sequence_error()
    {
        var s = new SeccScript();
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;

        Assert.Equal(Cm.ResponseCodeType.FAILED_SequenceError, s.Send<Cm.SessionSetupResType>(s.SessionSetup()).ResponseCode);
    }

    [Fact]
    public void A_request_with_another_session_id_is_an_unknown_session()
    {
        var s = new SeccScript();
        s.Send<Cm.SessionSetupResType>(s.SessionSetup());
        s.SessionId = [9, 9, 9, 9, 9, 9, 9, 9];

        var response = s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());

        Assert.Equal(Cm.ResponseCodeType.FAILED_UnknownSession, response.ResponseCode);
        Assert.Equal(SeccEndReason.UnknownSession, s.Machine.End!.Reason);
    }

    [Fact]
    public void No_request_within_the_sequence_timeout_ends_the_session()
    {
        var s = new SeccScript();
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;
        var answeredAt = s.Now;

        Assert.Equal(answeredAt + TimeSpan.FromSeconds(60), s.Machine.Deadline);
        Assert.Null(s.Machine.CheckTimeout(answeredAt + TimeSpan.FromSeconds(59.9)));
        var late = s.Machine.Handle(s.AuthorizationSetup(), answeredAt + TimeSpan.FromSeconds(60));

        Assert.Null(late.Response);
        Assert.Equal(SeccEndReason.SequenceTimeout, late.End!.Reason);
    }

    [Fact]
    public void Session_setup_must_arrive_within_the_communication_setup_timeout()
    {
        var s = new SeccScript();

        Assert.Equal(SeccScript.T0 + TimeSpan.FromSeconds(20), s.Machine.Deadline);
        var late = s.Machine.Handle(s.SessionSetup(), SeccScript.T0 + TimeSpan.FromSeconds(21));

        Assert.Null(late.Response);
        Assert.Equal(SeccEndReason.SequenceTimeout, late.End!.Reason);
    }

    [Fact]
    public void A_cable_check_ongoing_past_the_ongoing_timeout_fails()
    {
        var options = SeccOptions.Default() with { CableCheckDuration = TimeSpan.FromMinutes(5) };
        var s = new SeccScript(options);
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;
        s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());
        s.Send<Cm.AuthorizationResType>(s.AuthorizationEim());
        s.Send<Cm.ServiceDiscoveryResType>(s.ServiceDiscovery());
        s.Send<Cm.ServiceSelectionResType>(s.ServiceSelection(EnergyServices.DcBpt, EnergyServices.DynamicParameterSet));
        s.Send<Dc.DC_ChargeParameterDiscoveryResType>(s.BptChargeParameters());
        s.Send<Cm.ScheduleExchangeResType>(s.DynamicScheduleExchange());

        // Poll every 30 s (inside the 60 s sequence timeout) while the SECC keeps answering Ongoing.
        Assert.Equal(Dc.ProcessingType.Ongoing, s.Send<Dc.DC_CableCheckResType>(s.CableCheck()).EVSEProcessing);
        s.Now += TimeSpan.FromSeconds(29);
        Assert.Equal(Dc.ProcessingType.Ongoing, s.Send<Dc.DC_CableCheckResType>(s.CableCheck()).EVSEProcessing);
        s.Now += TimeSpan.FromSeconds(29);
        var failed = s.Send<Dc.DC_CableCheckResType>(s.CableCheck());

        Assert.Equal(Dc.ResponseCodeType.FAILED, failed.ResponseCode);
        Assert.Equal(SeccEndReason.OngoingTimeout, s.Machine.End!.Reason);
    }

    [Fact]
    public void Pnc_without_provisioned_certificates_fails_clearly()
    {
        var s = new SeccScript();
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;
        s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());

        var response = s.Send<Cm.AuthorizationResType>(new Cm.AuthorizationReqType
        {
            Header = s.CmHeader(), SelectedAuthorizationService = Cm.AuthorizationType.PnC,
            PnC_AReqAuthorizationMode = new Cm.PnC_AReqAuthorizationModeType
            {
                Id = "id1", GenChallenge = new byte[16],
                ContractCertificateChain = new Cm.ContractCertificateChainType
                {
                    Certificate = [0x30, 0x00], SubCertificates = new Cm.SubCertificatesType { Certificate = [[0x30, 0x00]] },
                },
            },
        });

        Assert.Equal(Cm.ResponseCodeType.FAILED, response.ResponseCode);
        Assert.Equal(SeccEndReason.Failed, s.Machine.End!.Reason);
    }

    [Fact]
    public void A_service_that_was_not_offered_cannot_be_selected()
    {
        var s = new SeccScript();
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;
        s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());
        s.Send<Cm.AuthorizationResType>(s.AuthorizationEim());
        s.Send<Cm.ServiceDiscoveryResType>(s.ServiceDiscovery());

        var response = s.Send<Cm.ServiceSelectionResType>(s.ServiceSelection(EnergyServices.DcBpt, 7));

        Assert.Equal(Cm.ResponseCodeType.FAILED_ServiceSelectionInvalid, response.ResponseCode);
    }

    [Fact]
    public void A_charge_loop_in_another_control_mode_fails()
    {
        var s = new SeccScript();
        s.UpToChargeLoop();

        var response = s.Send<Dc.DC_ChargeLoopResType>(s.DynamicLoop()); // not BPT although DC_BPT was selected

        Assert.Equal(Dc.ResponseCodeType.FAILED, response.ResponseCode);
        Assert.Equal(SeccEndReason.Failed, s.Machine.End!.Reason);
    }

    [Fact]
    public void Bounds_are_reported_only_when_they_change()
    {
        var s = new SeccScript(setpoint: new SeccSetpoint(1_000));
        s.UpToChargeLoop();
        s.Send<Dc.DC_ChargeLoopResType>(s.BptDynamicLoop());
        var reported = s.Sink.Learned.Count;

        for (var i = 0; i < 5; i++) s.Send<Dc.DC_ChargeLoopResType>(s.BptDynamicLoop());
        Assert.Equal(reported, s.Sink.Learned.Count);

        s.Send<Dc.DC_ChargeLoopResType>(s.BptDynamicLoop(evMaxDischargeW: 3_000));
        Assert.Equal(reported + 1, s.Sink.Learned.Count);
        Assert.Equal(3_000, s.Sink.Learned[^1].MaxDischargePowerW);
    }

    public static TheoryData<object> EveryRequest()
    {
        var s = new SeccScript();
        return new TheoryData<object>(s.SessionSetup(), s.AuthorizationSetup(), s.AuthorizationEim(), s.ServiceDiscovery(),
            s.ServiceDetail(2), s.ServiceSelection(2, 1), s.DynamicScheduleExchange(), s.PowerDelivery(Cm.ChargeProgressType.Start),
            s.SessionStop(), s.BptChargeParameters(), s.CableCheck(), s.PreCharge(), s.BptDynamicLoop(), s.WeldingDetection());
    }

    [Theory]
    [MemberData(nameof(EveryRequest))]
    public void Every_failure_response_is_schema_valid(object request)
    {
        var response = SeccMessages.Failure(request, Cm.ResponseCodeType.FAILED_SequenceError, SeccScript.FixedSessionId, SeccScript.T0);

        Assert.NotNull(response);
        var bytes = ExiCodec.Encode(response!.Schema, response.Message);
        Assert.True(ExiCodec.TryDecode(response.Schema, bytes, out var doc, out var error), error);
        Assert.EndsWith("Res", doc.RootName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7_000)]
    [InlineData(-5_000)]
    [InlineData(150_000)]
    [InlineData(-32_768)]
    [InlineData(12.5)]
    public void Rationals_round_trip_within_a_tenth_of_a_percent(double value)
    {
        Assert.Equal(value, Rationals.ToDc(value).ToDouble(), Math.Max(Math.Abs(value) * 1e-3, 1e-9));
        Assert.Equal(value, Rationals.ToCommon(value).ToDouble(), Math.Max(Math.Abs(value) * 1e-3, 1e-9));
    }
}
