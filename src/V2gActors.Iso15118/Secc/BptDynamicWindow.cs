using Dc = V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// How a signed setpoint travels in a BPT Dynamic DC_ChargeLoopRes, which carries limits rather than a target: the
/// SECC collapses the EV's allowed window onto the setpoint (minimum = maximum = |setpoint| in its direction, zero
/// in the other), so an EV that honours the EVSE limits runs exactly at the dispatched power. Discharge values are
/// sent as positive magnitudes (the convention of the public -20 implementations). Both sides use this one class so
/// the encoding and its reading cannot drift apart.
/// </summary>
public static class BptDynamicWindow
{
    public static void Write(Dc.BPT_Dynamic_DC_CLResControlModeType mode, double targetW)
    {
        var charge = Math.Max(targetW, 0);
        var discharge = Math.Max(-targetW, 0);
        mode.EVSEMaximumChargePower = Rationals.ToDc(charge);
        mode.EVSEMinimumChargePower = Rationals.ToDc(charge);
        mode.EVSEMaximumDischargePower = Rationals.ToDc(discharge);
        mode.EVSEMinimumDischargePower = Rationals.ToDc(discharge);
    }

    /// <summary>The signed target a response carries: positive charge, negative discharge.</summary>
    public static double Read(Dc.BPT_Dynamic_DC_CLResControlModeType mode)
    {
        var charge = mode.EVSEMaximumChargePower.ToDouble();
        return charge > 0 ? charge : -mode.EVSEMaximumDischargePower.ToDouble();
    }
}
