namespace V2gActors.Ieee2030_5.Aggregator;

/// <summary>
/// What the percentage modes of a DERControl refer to for one aggregated DER (a fleet): the sum of its members'
/// charge and discharge ratings (2030.5 setMaxChargeRateW / setMaxDischargeRateW = setMaxW), and the nominal grid
/// frequency droop deadbands are counted from.
/// </summary>
public sealed record DerRatings(double MaxChargeW, double MaxDischargeW, double NominalHz = 50);
