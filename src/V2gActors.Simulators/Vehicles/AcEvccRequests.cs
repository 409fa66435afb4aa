using V2gActors.Iso15118.Secc;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;

namespace V2gActors.Simulators.Vehicles;

/// <summary>
/// The AC requests of the simulated EV (BPT: its on-board charger can feed back). AC has no cable check, pre-charge or
/// welding detection; the charge loop reports the EV's present power and reads the SECC's signed target power.
/// </summary>
internal static class AcEvccRequests
{
    public static Ac.AC_ChargeParameterDiscoveryReqType ChargeParameters(Ac.MessageHeaderType header, SimulatedBattery b) => new()
    {
        Header = header,
        BPT_AC_CPDReqEnergyTransferMode = new Ac.BPT_AC_CPDReqEnergyTransferModeType
        {
            EVMaximumChargePower = R(b.MaxChargePowerW), EVMinimumChargePower = R(0),
            EVMaximumDischargePower = R(b.MaxDischargePowerW), EVMinimumDischargePower = R(0),
        },
    };

    /// <param name="energyTo">Energy (Wh) from the present SoC to the given SoC.</param>
    public static Ac.AC_ChargeLoopReqType ChargeLoop(Ac.MessageHeaderType header, SimulatedBattery b, ControlMode mode, double socPercent,
        double presentPowerW, Func<double, double> energyTo)
    {
        var request = new Ac.AC_ChargeLoopReqType
        {
            Header = header, MeterInfoRequested = false,
            DisplayParameters = new Ac.DisplayParametersType
            {
                PresentSOC = (sbyte)Math.Round(socPercent), MinimumSOC = (sbyte)b.MinimumSocPercent, TargetSOC = (sbyte)b.TargetSocPercent,
            },
        };
        if (mode == ControlMode.Dynamic)
            request.BPT_Dynamic_AC_CLReqControlMode = new Ac.BPT_Dynamic_AC_CLReqControlModeType
            {
                DepartureTime = b.DepartureInSeconds,
                EVTargetEnergyRequest = R(energyTo(b.TargetSocPercent)), EVMaximumEnergyRequest = R(energyTo(100)),
                EVMinimumEnergyRequest = R(energyTo(b.MinimumSocPercent)),
                EVMaximumChargePower = R(b.MaxChargePowerW), EVMinimumChargePower = R(0),
                EVPresentActivePower = R(presentPowerW), EVPresentReactivePower = R(0),
                EVMaximumDischargePower = R(b.MaxDischargePowerW), EVMinimumDischargePower = R(0),
                EVMaximumV2XEnergyRequest = R(energyTo(100)), EVMinimumV2XEnergyRequest = R(energyTo(b.MinimumSocPercent)),
            };
        else
            request.BPT_Scheduled_AC_CLReqControlMode = new Ac.BPT_Scheduled_AC_CLReqControlModeType
            {
                EVPresentActivePower = R(presentPowerW),
                EVMaximumChargePower = R(b.MaxChargePowerW), EVMaximumDischargePower = R(b.MaxDischargePowerW),
            };
        return request;
    }

    private static Ac.RationalNumberType R(double value) => Rationals.ToAc(value);
}
