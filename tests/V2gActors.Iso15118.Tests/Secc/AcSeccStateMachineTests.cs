using V2gActors.Iso15118.Secc;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;

namespace V2gActors.Iso15118.Tests.Secc;

/// <summary>The -20 AC sequence (after supportedAppProtocol agreed on the AC namespace), BPT Dynamic above all.</summary>
public sealed class AcSeccStateMachineTests
{
    private static SeccScript AcScript(SeccSetpoint? setpoint = null)
    {
        var s = new SeccScript(setpoint: setpoint);
        s.Machine.UseEnergyTransfer(EnergyTransferKind.Ac);
        return s;
    }

    private static Ac.MessageHeaderType Header(SeccScript s) => new() { SessionID = s.SessionId, TimeStamp = 1 };
    private static Ac.RationalNumberType R(double v) => Rationals.ToAc(v);

    private static Ac.AC_ChargeParameterDiscoveryReqType BptParameters(SeccScript s) => new()
    {
        Header = Header(s),
        BPT_AC_CPDReqEnergyTransferMode = new Ac.BPT_AC_CPDReqEnergyTransferModeType
        {
            EVMaximumChargePower = R(11_000), EVMinimumChargePower = R(0), EVMaximumDischargePower = R(7_000), EVMinimumDischargePower = R(0),
        },
    };

    private static Ac.AC_ChargeLoopReqType BptDynamicLoop(SeccScript s) => new()
    {
        Header = Header(s),
        DisplayParameters = new Ac.DisplayParametersType { PresentSOC = 61, MinimumSOC = 25 },
        BPT_Dynamic_AC_CLReqControlMode = new Ac.BPT_Dynamic_AC_CLReqControlModeType
        {
            DepartureTime = 3600, EVTargetEnergyRequest = R(9_000), EVMaximumEnergyRequest = R(20_000), EVMinimumEnergyRequest = R(0),
            EVMaximumChargePower = R(11_000), EVMinimumChargePower = R(0), EVPresentActivePower = R(0), EVPresentReactivePower = R(0),
            EVMaximumDischargePower = R(7_000), EVMinimumDischargePower = R(0),
        },
    };

    private static void UpToPowerDelivery(SeccScript s)
    {
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;
        s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());
        s.Send<Cm.AuthorizationResType>(s.AuthorizationEim());
        var services = s.Send<Cm.ServiceDiscoveryResType>(s.ServiceDiscovery());
        Assert.Equal([EnergyServices.Ac, EnergyServices.AcBpt], services.EnergyTransferServiceList.Service.Select(x => x.ServiceID));
        var detail = s.Send<Cm.ServiceDetailResType>(s.ServiceDetail(EnergyServices.AcBpt));
        Assert.Contains(detail.ServiceParameterList.ParameterSet, p => p.Parameter.Any(x => x.Name == "EVSENominalVoltage" && x.IntValue == 230));
        Assert.Equal(Cm.ResponseCodeType.OK,
            s.Send<Cm.ServiceSelectionResType>(s.ServiceSelection(EnergyServices.AcBpt, EnergyServices.DynamicParameterSet)).ResponseCode);
        var cpd = s.Send<Ac.AC_ChargeParameterDiscoveryResType>(BptParameters(s));
        Assert.Equal(50_000, cpd.BPT_AC_CPDResEnergyTransferMode!.EVSEMaximumDischargePower.ToDouble());
        Assert.Equal(50, cpd.BPT_AC_CPDResEnergyTransferMode.EVSENominalFrequency.ToDouble());
        s.Send<Cm.ScheduleExchangeResType>(s.DynamicScheduleExchange());
        Assert.Equal(SeccState.ReadyForPowerDelivery, s.Machine.State);
    }

    [Fact]
    public void An_ac_bpt_dynamic_session_skips_the_dc_steps_and_the_loop_carries_the_signed_held_setpoint()
    {
        var s = AcScript(new SeccSetpoint(9_000));
        UpToPowerDelivery(s);
        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.PowerDeliveryResType>(s.PowerDelivery(Cm.ChargeProgressType.Start)).ResponseCode);

        var charging = s.Send<Ac.AC_ChargeLoopResType>(BptDynamicLoop(s));
        Assert.Equal(Ac.ResponseCodeType.OK, charging.ResponseCode);
        Assert.Equal(9_000, charging.BPT_Dynamic_AC_CLResControlMode!.EVSETargetActivePower.ToDouble());
        Assert.Equal((7_000.0, 61, 25), (s.Sink.Learned[^1].MaxDischargePowerW!.Value, s.Sink.Learned[^1].PresentSocPercent!.Value,
            s.Sink.Learned[^1].MinimumSocPercent!.Value));

        // Discharge, capped by what the EV can feed back (7 kW).
        s.Context.UpdateSetpoint(new SeccSetpoint(-10_000));
        var discharging = s.Send<Ac.AC_ChargeLoopResType>(BptDynamicLoop(s));
        Assert.Equal(-7_000, discharging.BPT_Dynamic_AC_CLResControlMode!.EVSETargetActivePower.ToDouble());

        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.PowerDeliveryResType>(s.PowerDelivery(Cm.ChargeProgressType.Stop)).ResponseCode);
        Assert.Equal(Cm.ResponseCodeType.OK, s.Send<Cm.SessionStopResType>(s.SessionStop()).ResponseCode);
        Assert.Equal(SeccEndReason.Terminated, s.Machine.End!.Reason);
    }

    [Fact]
    public void Dc_messages_and_dc_services_are_refused_on_an_ac_link()
    {
        var s = AcScript();
        s.SessionId = s.Send<Cm.SessionSetupResType>(s.SessionSetup()).Header.SessionID;
        s.Send<Cm.AuthorizationSetupResType>(s.AuthorizationSetup());
        s.Send<Cm.AuthorizationResType>(s.AuthorizationEim());
        s.Send<Cm.ServiceDiscoveryResType>(s.ServiceDiscovery());
        var selection = s.Send<Cm.ServiceSelectionResType>(s.ServiceSelection(EnergyServices.DcBpt, EnergyServices.DynamicParameterSet));
        Assert.Equal(Cm.ResponseCodeType.FAILED_ServiceSelectionInvalid, selection.ResponseCode);

        var t = AcScript();
        UpToPowerDelivery(t);
        // A DC cable check has no place in an AC session: sequence error, session over.
        t.Send<V2gActors.Iso15118.Exi.Generated.Dc.DC_CableCheckResType>(t.CableCheck());
        Assert.Equal(SeccEndReason.SequenceError, t.Machine.End!.Reason);
    }

    [Fact]
    public void An_ac_loop_in_another_control_mode_fails_with_a_schema_valid_response()
    {
        var s = AcScript();
        UpToPowerDelivery(s);
        s.Send<Cm.PowerDeliveryResType>(s.PowerDelivery(Cm.ChargeProgressType.Start));
        var wrong = new Ac.AC_ChargeLoopReqType
        {
            Header = Header(s),
            Scheduled_AC_CLReqControlMode = new Ac.Scheduled_AC_CLReqControlModeType { EVPresentActivePower = R(0) },
        };
        Assert.Equal(Ac.ResponseCodeType.FAILED, s.Send<Ac.AC_ChargeLoopResType>(wrong).ResponseCode);
        Assert.Equal(SeccEndReason.Failed, s.Machine.End!.Reason);
    }

    [Fact]
    public void The_energy_transfer_cannot_change_once_the_session_started()
    {
        var s = AcScript();
        s.Send<Cm.SessionSetupResType>(s.SessionSetup());
        Assert.Throws<InvalidOperationException>(() => s.Machine.UseEnergyTransfer(EnergyTransferKind.Dc));
    }
}
