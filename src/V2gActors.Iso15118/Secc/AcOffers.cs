using Ac = V2gActors.Iso15118.Exi.Generated.Ac;

namespace V2gActors.Iso15118.Secc;

/// <summary>The SECC's AC charge parameters (AC_ChargeParameterDiscoveryRes), charge-only or BPT. Pure.</summary>
public static class AcOffers
{
    public static Ac.AC_ChargeParameterDiscoveryResType ChargeParameters(EvseLimits l, bool bidirectional, Ac.MessageHeaderType header)
    {
        var zero = Rationals.ToAc(0);
        var response = new Ac.AC_ChargeParameterDiscoveryResType { Header = header, ResponseCode = Ac.ResponseCodeType.OK };
        if (bidirectional)
            response.BPT_AC_CPDResEnergyTransferMode = new Ac.BPT_AC_CPDResEnergyTransferModeType
            {
                EVSEMaximumChargePower = Rationals.ToAc(l.MaxChargePowerW), EVSEMinimumChargePower = zero,
                EVSENominalFrequency = Rationals.ToAc(l.NominalFrequencyHz),
                EVSEMaximumDischargePower = Rationals.ToAc(l.MaxDischargePowerW), EVSEMinimumDischargePower = zero,
            };
        else
            response.AC_CPDResEnergyTransferMode = new Ac.AC_CPDResEnergyTransferModeType
            {
                EVSEMaximumChargePower = Rationals.ToAc(l.MaxChargePowerW), EVSEMinimumChargePower = zero,
                EVSENominalFrequency = Rationals.ToAc(l.NominalFrequencyHz),
            };
        return response;
    }
}
