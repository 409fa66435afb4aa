using V2gActors.Engine.Sessions;
using V2gActors.Iso15118.Secc;

namespace V2gActors.Node.Iso15118;

/// <summary>
/// What an ISO 15118-20 EV told the SECC (<see cref="EvBounds"/>) → the bounds its vehicle session registers with the
/// fleet. Pure. The EVSE's own limits cap the EV's; values the EV has not sent yet fall back to the binding's defaults.
/// </summary>
public static class SeccBoundsMapping
{
    /// <summary>Null until the EV has sent its charge parameters (ChargeParameterDiscovery): nothing to dispatch before.</summary>
    public static SessionBounds? ToSessionBounds(string sessionId, SeccBinding binding, EvseLimits evse, EvBounds ev, DateTimeOffset now)
    {
        if (ev.MaxChargePowerW is not { } maxCharge) return null;
        var reserve = Math.Clamp(Math.Max(binding.ReservePercent, ev.MinimumSocPercent ?? 0), 0, 100);
        return new SessionBounds(
            sessionId, binding.FleetId, binding.StationId, binding.EvseId,
            MaxChargeW: Math.Clamp(maxCharge, 0, evse.MaxChargePowerW),
            MaxDischargeW: Math.Clamp(ev.MaxDischargePowerW ?? 0, 0, evse.MaxDischargePowerW),
            SocPercent: Math.Clamp(ev.PresentSocPercent ?? binding.DefaultSocPercent, 0, 100),
            ReservePercent: reserve,
            TargetSocPercent: Math.Clamp(ev.TargetSocPercent ?? 100, reserve, 100),
            EnergyRequestWh: ev.TargetEnergyRequestWh is { } wh && double.IsFinite(wh) ? wh : 0,
            Departure: ev.Departure,
            TransactionId: null,
            UpdatedAt: now);
    }

    /// <summary>
    /// True when <paramref name="next"/> differs from <paramref name="registered"/> in something the allocator reacts to
    /// at once (power, SoC window, departure); false when only the energy request drifted, which a 4 Hz charge loop
    /// changes every request and which is refreshed on a timer instead.
    /// </summary>
    public static bool ChangesAllocation(SessionBounds? registered, SessionBounds next) =>
        registered is null
        || registered with { EnergyRequestWh = 0, UpdatedAt = default } != next with { EnergyRequestWh = 0, UpdatedAt = default };
}
