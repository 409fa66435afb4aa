using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// Builds the DC_ChargeLoopRes from the setpoint the session holds right now (read once, no waiting), in the control
/// mode ServiceSelection fixed. A request in another control mode is refused: the EV and the SECC disagree on how
/// power is being controlled, which -20 treats as a failed session.
/// </summary>
public sealed class ChargeLoopResponder(SeccOptions options, ISessionSetpointSource setpoints)
{
    private readonly EnergyMeter _meter = new();

    public SeccResponse Respond(Dc.DC_ChargeLoopReqType request, SelectedService service, EvBounds ev, byte[] sessionId, DateTimeOffset now)
    {
        if (!MatchesMode(request, service))
            return SeccMessages.Failure(request, Cm.ResponseCodeType.FAILED, sessionId, now)!;

        var limited = SetpointLimiter.Limit(setpoints.CurrentSetpoint, options.Limits, ev, service.Bidirectional);
        _meter.Advance(now, limited.TargetW);
        var voltage = Math.Max(request.EVPresentVoltage.ToDouble(), 1);
        var response = new Dc.DC_ChargeLoopResType
        {
            Header = SeccMessages.DcHeader(sessionId, now),
            ResponseCode = Dc.ResponseCodeType.OK,
            EVSEPresentVoltage = request.EVPresentVoltage,
            EVSEPresentCurrent = Rationals.ToDc(limited.TargetW / voltage),
            EVSEPowerLimitAchieved = limited.Limited,
            MeterInfo = request.MeterInfoRequested ? Meter(now) : null,
        };
        SetControlMode(response, service, limited.TargetW);
        return SeccMessages.DcMessage(response);
    }

    private void SetControlMode(Dc.DC_ChargeLoopResType response, SelectedService service, double targetW)
    {
        var l = options.Limits;
        switch (service.Mode, service.Bidirectional)
        {
            case (ControlMode.Dynamic, true):
                var bpt = new Dc.BPT_Dynamic_DC_CLResControlModeType
                {
                    EVSEMaximumChargeCurrent = Rationals.ToDc(l.MaxChargeCurrentA),
                    EVSEMaximumDischargeCurrent = Rationals.ToDc(l.MaxDischargeCurrentA),
                    EVSEMaximumVoltage = Rationals.ToDc(l.MaxVoltageV),
                    EVSEMinimumVoltage = Rationals.ToDc(l.MinVoltageV),
                };
                BptDynamicWindow.Write(bpt, targetW);
                response.BPT_Dynamic_DC_CLResControlMode = bpt;
                break;
            case (ControlMode.Dynamic, false):
                response.Dynamic_DC_CLResControlMode = new Dc.Dynamic_DC_CLResControlModeType
                {
                    EVSEMaximumChargePower = Rationals.ToDc(targetW),
                    EVSEMinimumChargePower = Rationals.ToDc(targetW),
                    EVSEMaximumChargeCurrent = Rationals.ToDc(l.MaxChargeCurrentA),
                    EVSEMaximumVoltage = Rationals.ToDc(l.MaxVoltageV),
                };
                break;
            // Scheduled: the EV follows the schedule it chose; the loop only tightens the envelope to the current setpoint.
            case (ControlMode.Scheduled, true):
                response.BPT_Scheduled_DC_CLResControlMode = new Dc.BPT_Scheduled_DC_CLResControlModeType
                {
                    EVSEMaximumChargePower = Rationals.ToDc(Math.Max(targetW, 0)),
                    EVSEMaximumDischargePower = Rationals.ToDc(Math.Max(-targetW, 0)),
                };
                break;
            default:
                response.Scheduled_DC_CLResControlMode = new Dc.Scheduled_DC_CLResControlModeType
                {
                    EVSEMaximumChargePower = Rationals.ToDc(Math.Max(targetW, 0)),
                };
                break;
        }
    }

    private static bool MatchesMode(Dc.DC_ChargeLoopReqType r, SelectedService s) => (s.Mode, s.Bidirectional) switch
    {
        (ControlMode.Dynamic, true) => r.BPT_Dynamic_DC_CLReqControlMode is not null,
        (ControlMode.Dynamic, false) => r.Dynamic_DC_CLReqControlMode is not null,
        (ControlMode.Scheduled, true) => r.BPT_Scheduled_DC_CLReqControlMode is not null,
        _ => r.Scheduled_DC_CLReqControlMode is not null,
    };

    private Dc.MeterInfoType Meter(DateTimeOffset now) => new()
    {
        MeterID = options.EvseId.Length <= 32 ? options.EvseId : options.EvseId[..32],
        ChargedEnergyReadingWh = (ulong)_meter.ChargedWh,
        BPT_DischargedEnergyReadingWh = (ulong)_meter.DischargedWh,
        MeterTimestamp = (ulong)Math.Max(0, now.ToUnixTimeSeconds()),
    };
}
