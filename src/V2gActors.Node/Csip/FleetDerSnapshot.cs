using V2gActors.Engine.Fleets;
using V2gActors.Ieee2030_5.Aggregator;

namespace V2gActors.Node.Csip;

/// <summary>A fleet's live state in the shape the 2030.5 reports and the percentage modes need.</summary>
public static class FleetDerSnapshot
{
    public static AggregatedDer Of(FleetStateView view)
    {
        var members = view.Members;
        return new AggregatedDer(
            members.Length,
            members.Sum(m => m.Bounds.MaxChargeW),
            members.Sum(m => m.Bounds.MaxDischargeW),
            view.HeldW,
            view.ActualW,
            members.Length == 0 ? null : members.Average(m => m.Bounds.SocPercent),
            members.Length == 0 ? null : members.Average(m => m.Bounds.ReservePercent));
    }

    public static DerRatings Ratings(AggregatedDer der, double nominalHz) => new(der.MaxChargeW, der.MaxDischargeW, nominalHz);
}
