using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// Builds the AC_ChargeLoopRes from the setpoint the session holds right now. Unlike DC, AC carries the target itself:
/// EVSETargetActivePower, signed (positive charges the EV, negative discharges it on a BPT service), which the EV's
/// on-board charger follows. A request in another control mode than ServiceSelection fixed is refused.
/// </summary>
public sealed class AcChargeLoopResponder(SeccOptions options, ISessionSetpointSource setpoints)
{
    private readonly EnergyMeter _meter = new();

    public SeccResponse Respond(Ac.AC_ChargeLoopReqType request, SelectedService service, EvBounds ev, byte[] sessionId, DateTimeOffset now)
    {
        if (!MatchesMode(request, service))
            return SeccMessages.Failure(request, Cm.ResponseCodeType.FAILED, sessionId, now)!;

        var limited = SetpointLimiter.Limit(setpoints.CurrentSetpoint, options.Limits, ev, service.Bidirectional);
        _meter.Advance(now, limited.TargetW);
        var target = Rationals.ToAc(limited.TargetW);
        var response = new Ac.AC_ChargeLoopResType
        {
            Header = SeccMessages.AcHeader(sessionId, now),
            ResponseCode = Ac.ResponseCodeType.OK,
            MeterInfo = request.MeterInfoRequested ? Meter(now) : null,
        };
        switch (service.Mode, service.Bidirectional)
        {
            case (ControlMode.Dynamic, true):
                response.BPT_Dynamic_AC_CLResControlMode = new Ac.BPT_Dynamic_AC_CLResControlModeType { EVSETargetActivePower = target };
                break;
            case (ControlMode.Dynamic, false):
                response.Dynamic_AC_CLResControlMode = new Ac.Dynamic_AC_CLResControlModeType { EVSETargetActivePower = target };
                break;
            // Scheduled: the EV follows the schedule it chose; the loop states the target the setpoint allows now.
            case (ControlMode.Scheduled, true):
                response.BPT_Scheduled_AC_CLResControlMode = new Ac.BPT_Scheduled_AC_CLResControlModeType { EVSETargetActivePower = target };
                break;
            default:
                response.Scheduled_AC_CLResControlMode = new Ac.Scheduled_AC_CLResControlModeType { EVSETargetActivePower = target };
                break;
        }
        return SeccMessages.AcMessage(response);
    }

    /// <summary>The signed target an AC response carries (what the EV simulator reads back).</summary>
    public static double? TargetOf(Ac.AC_ChargeLoopResType r) => r switch
    {
        { BPT_Dynamic_AC_CLResControlMode: { } d } => d.EVSETargetActivePower.ToDouble(),
        { Dynamic_AC_CLResControlMode: { } d } => d.EVSETargetActivePower.ToDouble(),
        { BPT_Scheduled_AC_CLResControlMode.EVSETargetActivePower: { } t } => t.ToDouble(),
        { Scheduled_AC_CLResControlMode.EVSETargetActivePower: { } t } => t.ToDouble(),
        _ => null,
    };

    private static bool MatchesMode(Ac.AC_ChargeLoopReqType r, SelectedService s) => (s.Mode, s.Bidirectional) switch
    {
        (ControlMode.Dynamic, true) => r.BPT_Dynamic_AC_CLReqControlMode is not null,
        (ControlMode.Dynamic, false) => r.Dynamic_AC_CLReqControlMode is not null,
        (ControlMode.Scheduled, true) => r.BPT_Scheduled_AC_CLReqControlMode is not null,
        _ => r.Scheduled_AC_CLReqControlMode is not null,
    };

    private Ac.MeterInfoType Meter(DateTimeOffset now) => new()
    {
        MeterID = options.EvseId.Length <= 32 ? options.EvseId : options.EvseId[..32],
        ChargedEnergyReadingWh = (ulong)_meter.ChargedWh,
        BPT_DischargedEnergyReadingWh = (ulong)_meter.DischargedWh,
        MeterTimestamp = (ulong)Math.Max(0, now.ToUnixTimeSeconds()),
    };
}
