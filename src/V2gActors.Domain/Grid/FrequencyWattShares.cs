using V2gActors.Domain.Units;

namespace V2gActors.Domain.Grid;

/// <summary>A charger's operating point before a frequency excursion, and its power range.</summary>
public readonly record struct ChargerOperatingPoint(Watts Baseline, Watts MaxCharge, Watts MaxDischarge);

/// <summary>
/// Splits a fleet droop into one absolute freq-watt curve per charger (OCPP 2.1 LocalFrequency
/// v2xFreqWattCurve: W to charge positive / discharge negative at each frequency), so chargers can answer
/// a frequency excursion locally, before the central loop could.
/// </summary>
/// <remarks>
/// Each charger takes a share of the fleet change proportional to its own headroom in that direction.
/// Because every share saturates exactly when the fleet's headroom runs out, all curves have the same
/// frequency breakpoints as the fleet curve and their sum equals the fleet curve at every frequency.
/// </remarks>
public static class FrequencyWattShares
{
    public static IReadOnlyList<PiecewiseLinearCurve> Split(
        FrequencyDroop droop, Watts fleetReferencePower, IReadOnlyList<ChargerOperatingPoint> chargers)
    {
        ArgumentNullException.ThrowIfNull(chargers);
        var headrooms = new DroopHeadroom[chargers.Count];
        double totalUp = 0, totalDown = 0;
        for (var i = 0; i < chargers.Count; i++)
        {
            var c = chargers[i];
            headrooms[i] = DroopHeadroom.Around(c.Baseline, c.MaxCharge, c.MaxDischarge);
            totalUp += headrooms[i].Up.Value;
            totalDown += headrooms[i].Down.Value;
        }

        var fleetCurve = DroopResponse.AsPowerChangeCurve(
            droop, fleetReferencePower, new DroopHeadroom(new Watts(totalUp), new Watts(totalDown)));

        var curves = new PiecewiseLinearCurve[chargers.Count];
        for (var i = 0; i < chargers.Count; i++)
        {
            var baseline = chargers[i].Baseline.Value;
            var upShare = totalUp > 0 ? headrooms[i].Up.Value / totalUp : 0;
            var downShare = totalDown > 0 ? headrooms[i].Down.Value / totalDown : 0;
            curves[i] = fleetCurve.MapY(change => baseline + change * (change >= 0 ? upShare : downShare));
        }
        return curves;
    }
}
