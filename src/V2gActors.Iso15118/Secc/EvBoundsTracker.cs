using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;
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
        var b = Current;
        if (r.DisplayParameters is { } p)
            b = b with
            {
                PresentSocPercent = p.PresentSOC ?? b.PresentSocPercent,
                MinimumSocPercent = p.MinimumSOC ?? b.MinimumSocPercent,
                TargetSocPercent = p.TargetSOC ?? b.TargetSocPercent,
            };
        if (r.BPT_Dynamic_DC_CLReqControlMode is { } d)
            b = b with
            {
                // Departure is "seconds from now" on the wire: keep the first absolute reading unless the EV moves it
                // by more than the loop's own jitter, so a steady departure does not look like a change every loop.
                Departure = d.DepartureTime is { } t ? Stable(b.Departure, now.AddSeconds(t)) : b.Departure,
                TargetEnergyRequestWh = d.EVTargetEnergyRequest.ToDouble(),
                MaxEnergyRequestWh = d.EVMaximumEnergyRequest.ToDouble(),
                MinEnergyRequestWh = d.EVMinimumEnergyRequest.ToDouble(),
                MaxChargePowerW = d.EVMaximumChargePower.ToDouble(),
                MinChargePowerW = d.EVMinimumChargePower.ToDouble(),
                MaxDischargePowerW = d.EVMaximumDischargePower.ToDouble(),
                MinDischargePowerW = d.EVMinimumDischargePower.ToDouble(),
                MaxV2xEnergyRequestWh = d.EVMaximumV2XEnergyRequest?.ToDouble() ?? b.MaxV2xEnergyRequestWh,
                MinV2xEnergyRequestWh = d.EVMinimumV2XEnergyRequest?.ToDouble() ?? b.MinV2xEnergyRequestWh,
            };
        else if (r.Dynamic_DC_CLReqControlMode is { } n)
            b = b with
            {
                Departure = n.DepartureTime is { } t ? Stable(b.Departure, now.AddSeconds(t)) : b.Departure,
                TargetEnergyRequestWh = n.EVTargetEnergyRequest.ToDouble(),
                MaxEnergyRequestWh = n.EVMaximumEnergyRequest.ToDouble(),
                MinEnergyRequestWh = n.EVMinimumEnergyRequest.ToDouble(),
                MaxChargePowerW = n.EVMaximumChargePower.ToDouble(),
                MinChargePowerW = n.EVMinimumChargePower.ToDouble(),
            };
        else if (r.BPT_Scheduled_DC_CLReqControlMode is { } bs)
            b = b with
            {
                MaxChargePowerW = bs.EVMaximumChargePower?.ToDouble() ?? b.MaxChargePowerW,
                MaxDischargePowerW = bs.EVMaximumDischargePower?.ToDouble() ?? b.MaxDischargePowerW,
            };
        else if (r.Scheduled_DC_CLReqControlMode is { } s)
            b = b with { MaxChargePowerW = s.EVMaximumChargePower?.ToDouble() ?? b.MaxChargePowerW };
        Learn(b);
    }

    private static DateTimeOffset Stable(DateTimeOffset? known, DateTimeOffset reported) =>
        known is { } k && (k - reported).Duration() < TimeSpan.FromSeconds(5) ? k : reported;
}
