using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// The content of the SECC's non-trivial answers: which services it offers and with which parameters, its DC limits,
/// and the schedule / dynamic parameters of ScheduleExchange. Pure builders; the sequence lives in
/// <see cref="SeccStateMachine"/>.
/// </summary>
public static class SeccOffers
{
    public static Cm.ServiceListType EnergyTransferServices(EnergyTransferKind kind = EnergyTransferKind.Dc) => new()
    {
        Service =
        [
            new Cm.ServiceType { ServiceID = EnergyServices.ChargeOnly(kind) },
            new Cm.ServiceType { ServiceID = EnergyServices.Bidirectional(kind) },
        ],
    };

    /// <summary>
    /// -20 service parameters (Table 205ff.): Connector 1 = Extended (DC) / 2 = three-phase (AC); ControlMode 1 =
    /// Scheduled, 2 = Dynamic; AC adds EVSENominalVoltage (230 V); MobilityNeedsMode 1 = provided by the EVCC;
    /// Pricing 0 = none; for BPT BPTChannel 1 = Unified and GeneratorMode 1 = GridFollowing, and AC BPT adds
    /// GridCodeIslandingDetectionMethod 1 = Active.
    /// </summary>
    public static Cm.ServiceParameterListType ParametersOf(ushort serviceId)
    {
        var ac = serviceId is EnergyServices.Ac or EnergyServices.AcBpt;
        Cm.ParameterSetType Set(ushort id, int controlMode)
        {
            var set = new Cm.ParameterSetType
            {
                ParameterSetID = id,
                Parameter =
                [
                    new() { Name = "Connector", IntValue = ac ? 2 : 1 },
                    new() { Name = "ControlMode", IntValue = controlMode },
                    new() { Name = "MobilityNeedsMode", IntValue = 1 },
                    new() { Name = "Pricing", IntValue = 0 },
                ],
            };
            if (ac) set.Parameter.Insert(2, new() { Name = "EVSENominalVoltage", IntValue = 230 });
            if (serviceId is EnergyServices.DcBpt or EnergyServices.AcBpt)
            {
                set.Parameter.Add(new() { Name = "BPTChannel", IntValue = 1 });
                set.Parameter.Add(new() { Name = "GeneratorMode", IntValue = 1 });
            }
            if (serviceId == EnergyServices.AcBpt) set.Parameter.Add(new() { Name = "GridCodeIslandingDetectionMethod", IntValue = 1 });
            return set;
        }
        return new Cm.ServiceParameterListType
        {
            ParameterSet = [Set(EnergyServices.ScheduledParameterSet, 1), Set(EnergyServices.DynamicParameterSet, 2)],
        };
    }

    public static Dc.DC_ChargeParameterDiscoveryResType ChargeParameters(EvseLimits l, bool bidirectional, Dc.MessageHeaderType header)
    {
        var zero = Rationals.ToDc(0);
        var response = new Dc.DC_ChargeParameterDiscoveryResType { Header = header, ResponseCode = Dc.ResponseCodeType.OK };
        if (bidirectional)
            response.BPT_DC_CPDResEnergyTransferMode = new Dc.BPT_DC_CPDResEnergyTransferModeType
            {
                EVSEMaximumChargePower = Rationals.ToDc(l.MaxChargePowerW), EVSEMinimumChargePower = zero,
                EVSEMaximumChargeCurrent = Rationals.ToDc(l.MaxChargeCurrentA), EVSEMinimumChargeCurrent = zero,
                EVSEMaximumVoltage = Rationals.ToDc(l.MaxVoltageV), EVSEMinimumVoltage = Rationals.ToDc(l.MinVoltageV),
                EVSEMaximumDischargePower = Rationals.ToDc(l.MaxDischargePowerW), EVSEMinimumDischargePower = zero,
                EVSEMaximumDischargeCurrent = Rationals.ToDc(l.MaxDischargeCurrentA), EVSEMinimumDischargeCurrent = zero,
            };
        else
            response.DC_CPDResEnergyTransferMode = new Dc.DC_CPDResEnergyTransferModeType
            {
                EVSEMaximumChargePower = Rationals.ToDc(l.MaxChargePowerW), EVSEMinimumChargePower = zero,
                EVSEMaximumChargeCurrent = Rationals.ToDc(l.MaxChargeCurrentA), EVSEMinimumChargeCurrent = zero,
                EVSEMaximumVoltage = Rationals.ToDc(l.MaxVoltageV), EVSEMinimumVoltage = Rationals.ToDc(l.MinVoltageV),
            };
        return response;
    }

    /// <summary>The one schedule tuple offered in Scheduled mode.</summary>
    public const uint ScheduleTupleId = 1;

    /// <summary>
    /// Scheduled mode: one tuple valid for a day whose charging (and, for BPT, discharging) envelope is what the held
    /// setpoint allows; the charge loop narrows it later as the setpoint moves.
    /// </summary>
    public static Cm.Scheduled_SEResControlModeType Schedule(SeccSetpoint setpoint, EvseLimits l, bool bidirectional, DateTimeOffset now)
    {
        Cm.ChargingScheduleType Envelope(double powerW) => new()
        {
            PowerSchedule = new Cm.PowerScheduleType
            {
                TimeAnchor = (ulong)Math.Max(0, now.ToUnixTimeSeconds()),
                PowerScheduleEntries = new Cm.PowerScheduleEntryListType
                {
                    PowerScheduleEntry = [new Cm.PowerScheduleEntryType { Duration = 86_400, Power = Rationals.ToCommon(powerW) }],
                },
            },
        };
        var tuple = new Cm.ScheduleTupleType
        {
            ScheduleTupleID = ScheduleTupleId,
            ChargingSchedule = Envelope(Math.Min(l.MaxChargePowerW, setpoint.MaxChargePowerW ?? double.MaxValue)),
            DischargingSchedule = bidirectional
                ? Envelope(Math.Min(l.MaxDischargePowerW, setpoint.MaxDischargePowerW ?? double.MaxValue))
                : null,
        };
        return new Cm.Scheduled_SEResControlModeType { ScheduleTuple = [tuple] };
    }
}
