using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;
using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// Accumulates what the EV reveals across messages and tells the sink only when something changed, so a 4 Hz charge
/// loop with steady values does not flood dispatch.
/// </summary>
public sealed class EvBoundsTracker(IVehicleBoundsSink sink)
{
    public EvBounds Current { get; private set; } = EvBounds.Unknown;

    public void Learn(EvBounds updated)
    {
        if (updated == Current) return;
        Current = updated;
        sink.BoundsLearned(updated);
    }

    public void Learn(Dc.DC_ChargeParameterDiscoveryReqType r)
    {
        if (r.BPT_DC_CPDReqEnergyTransferMode is { } b)
            Learn(Current with
            {
                MaxChargePowerW = b.EVMaximumChargePower.ToDouble(), MinChargePowerW = b.EVMinimumChargePower.ToDouble(),
                MaxDischargePowerW = b.EVMaximumDischargePower.ToDouble(), MinDischargePowerW = b.EVMinimumDischargePower.ToDouble(),
                TargetSocPercent = b.TargetSOC ?? Current.TargetSocPercent,
            });
        else if (r.DC_CPDReqEnergyTransferMode is { } m)
            Learn(Current with
            {
                MaxChargePowerW = m.EVMaximumChargePower.ToDouble(), MinChargePowerW = m.EVMinimumChargePower.ToDouble(),
                MaxDischargePowerW = 0, TargetSocPercent = m.TargetSOC ?? Current.TargetSocPercent,
            });
    }

    public void Learn(Cm.ScheduleExchangeReqType r, DateTimeOffset now)
    {
        if (r.Dynamic_SEReqControlMode is { } d)
            Learn(Current with
            {
                Departure = now.AddSeconds(d.DepartureTime),
                MinimumSocPercent = d.MinimumSOC ?? Current.MinimumSocPercent,
                TargetSocPercent = d.TargetSOC ?? Current.TargetSocPercent,
                TargetEnergyRequestWh = d.EVTargetEnergyRequest.ToDouble(),
                MaxEnergyRequestWh = d.EVMaximumEnergyRequest.ToDouble(),
                MinEnergyRequestWh = d.EVMinimumEnergyRequest.ToDouble(),
                MaxV2xEnergyRequestWh = d.EVMaximumV2XEnergyRequest?.ToDouble() ?? Current.MaxV2xEnergyRequestWh,
                MinV2xEnergyRequestWh = d.EVMinimumV2XEnergyRequest?.ToDouble() ?? Current.MinV2xEnergyRequestWh,
            });
        else if (r.Scheduled_SEReqControlMode is { } s)
            Learn(Current with
            {
                Departure = s.DepartureTime is { } t ? now.AddSeconds(t) : Current.Departure,
                TargetEnergyRequestWh = s.EVTargetEnergyRequest?.ToDouble() ?? Current.TargetEnergyRequestWh,
                MaxEnergyRequestWh = s.EVMaximumEnergyRequest?.ToDouble() ?? Current.MaxEnergyRequestWh,
                MinEnergyRequestWh = s.EVMinimumEnergyRequest?.ToDouble() ?? Current.MinEnergyRequestWh,
            });
    }

    public void Learn(Dc.DC_ChargeLoopReqType r, DateTimeOffset now)
    {
        var p = r.DisplayParameters;
        var b = WithDisplay(Current, p?.PresentSOC, p?.MinimumSOC, p?.TargetSOC);
        Learn(r switch
        {
            { BPT_Dynamic_DC_CLReqControlMode: { } d } => Dynamic(b, now, new(d.DepartureTime,
                d.EVTargetEnergyRequest.ToDouble(), d.EVMaximumEnergyRequest.ToDouble(), d.EVMinimumEnergyRequest.ToDouble(),
                d.EVMaximumChargePower.ToDouble(), d.EVMinimumChargePower.ToDouble(), d.EVMaximumDischargePower.ToDouble(),
                d.EVMinimumDischargePower.ToDouble(), d.EVMaximumV2XEnergyRequest?.ToDouble(), d.EVMinimumV2XEnergyRequest?.ToDouble())),
            { Dynamic_DC_CLReqControlMode: { } n } => Dynamic(b, now, new(n.DepartureTime,
                n.EVTargetEnergyRequest.ToDouble(), n.EVMaximumEnergyRequest.ToDouble(), n.EVMinimumEnergyRequest.ToDouble(),
                n.EVMaximumChargePower.ToDouble(), n.EVMinimumChargePower.ToDouble())),
            { BPT_Scheduled_DC_CLReqControlMode: { } bs } => Scheduled(b, bs.EVMaximumChargePower?.ToDouble(), bs.EVMaximumDischargePower?.ToDouble()),
            { Scheduled_DC_CLReqControlMode: { } sc } => Scheduled(b, sc.EVMaximumChargePower?.ToDouble(), null),
            _ => b,
        });
    }

    public void Learn(Ac.AC_ChargeParameterDiscoveryReqType r)
    {
        if (r.BPT_AC_CPDReqEnergyTransferMode is { } b)
            Learn(Current with
            {
                MaxChargePowerW = b.EVMaximumChargePower.ToDouble(), MinChargePowerW = b.EVMinimumChargePower.ToDouble(),
                MaxDischargePowerW = b.EVMaximumDischargePower.ToDouble(), MinDischargePowerW = b.EVMinimumDischargePower.ToDouble(),
            });
        else if (r.AC_CPDReqEnergyTransferMode is { } m)
            Learn(Current with
            {
                MaxChargePowerW = m.EVMaximumChargePower.ToDouble(), MinChargePowerW = m.EVMinimumChargePower.ToDouble(), MaxDischargePowerW = 0,
            });
    }

    public void Learn(Ac.AC_ChargeLoopReqType r, DateTimeOffset now)
    {
        var p = r.DisplayParameters;
        var b = WithDisplay(Current, p?.PresentSOC, p?.MinimumSOC, p?.TargetSOC);
        Learn(r switch
        {
            { BPT_Dynamic_AC_CLReqControlMode: { } d } => Dynamic(b, now, new(d.DepartureTime,
                d.EVTargetEnergyRequest.ToDouble(), d.EVMaximumEnergyRequest.ToDouble(), d.EVMinimumEnergyRequest.ToDouble(),
                d.EVMaximumChargePower.ToDouble(), d.EVMinimumChargePower.ToDouble(), d.EVMaximumDischargePower.ToDouble(),
                d.EVMinimumDischargePower.ToDouble(), d.EVMaximumV2XEnergyRequest?.ToDouble(), d.EVMinimumV2XEnergyRequest?.ToDouble())),
            { Dynamic_AC_CLReqControlMode: { } n } => Dynamic(b, now, new(n.DepartureTime,
                n.EVTargetEnergyRequest.ToDouble(), n.EVMaximumEnergyRequest.ToDouble(), n.EVMinimumEnergyRequest.ToDouble(),
                n.EVMaximumChargePower.ToDouble(), n.EVMinimumChargePower.ToDouble())),
            { BPT_Scheduled_AC_CLReqControlMode: { } bs } => Scheduled(b, bs.EVMaximumChargePower?.ToDouble(), bs.EVMaximumDischargePower?.ToDouble()),
            { Scheduled_AC_CLReqControlMode: { } sc } => Scheduled(b, sc.EVMaximumChargePower?.ToDouble(), null),
            _ => b,
        });
    }

    /// <summary>What a Dynamic charge-loop request says, whichever schema (DC or AC) generated its type.</summary>
    private sealed record DynamicLoop(uint? DepartureTime, double TargetWh, double MaxWh, double MinWh, double MaxChargeW, double MinChargeW,
        double? MaxDischargeW = null, double? MinDischargeW = null, double? MaxV2xWh = null, double? MinV2xWh = null);

    private static EvBounds WithDisplay(EvBounds b, sbyte? present, sbyte? minimum, sbyte? target) => b with
    {
        PresentSocPercent = present ?? b.PresentSocPercent,
        MinimumSocPercent = minimum ?? b.MinimumSocPercent,
        TargetSocPercent = target ?? b.TargetSocPercent,
    };

    private static EvBounds Dynamic(EvBounds b, DateTimeOffset now, DynamicLoop d) => b with
    {
        // Departure is "seconds from now" on the wire: keep the first absolute reading unless the EV moves it
        // by more than the loop's own jitter, so a steady departure does not look like a change every loop.
        Departure = d.DepartureTime is { } t ? Stable(b.Departure, now.AddSeconds(t)) : b.Departure,
        TargetEnergyRequestWh = d.TargetWh,
        MaxEnergyRequestWh = d.MaxWh,
        MinEnergyRequestWh = d.MinWh,
        MaxChargePowerW = d.MaxChargeW,
        MinChargePowerW = d.MinChargeW,
        MaxDischargePowerW = d.MaxDischargeW ?? b.MaxDischargePowerW,
        MinDischargePowerW = d.MinDischargeW ?? b.MinDischargePowerW,
        MaxV2xEnergyRequestWh = d.MaxV2xWh ?? b.MaxV2xEnergyRequestWh,
        MinV2xEnergyRequestWh = d.MinV2xWh ?? b.MinV2xEnergyRequestWh,
    };

    private static EvBounds Scheduled(EvBounds b, double? maxChargeW, double? maxDischargeW) => b with
    {
        MaxChargePowerW = maxChargeW ?? b.MaxChargePowerW,
        MaxDischargePowerW = maxDischargeW ?? b.MaxDischargePowerW,
    };

    private static DateTimeOffset Stable(DateTimeOffset? known, DateTimeOffset reported) =>
        known is { } k && (k - reported).Duration() < TimeSpan.FromSeconds(5) ? k : reported;
}
