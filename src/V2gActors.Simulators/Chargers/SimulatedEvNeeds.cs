using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Simulators.Chargers;

/// <summary>
/// What a simulated EV tells the CSMS when it plugs in (OCPP NotifyEVChargingNeeds, sent right after TransactionEvent
/// Started, as an ISO 15118 charger does after ChargeParameterDiscovery). Over OCPP 2.1 a bidirectional EV (DC_BPT, with
/// <c>v2xChargingParameters</c>); over 2.0.1, which has no V2X, a DC EV with its DC parameters only.
/// </summary>
public sealed record SimulatedEvNeeds
{
    public double MaxChargeW { get; init; } = 11_000;
    public double MaxDischargeW { get; init; } = 11_000;
    public int SocPercent { get; init; } = 60;
    public int TargetSocPercent { get; init; } = 90;
    public double EnergyRequestWh { get; init; }
    /// <summary>Departure after plug-in; null: the EV states none (pure flexibility).</summary>
    public TimeSpan? DepartureAfter { get; init; }

    private const decimal DcVoltage = 400;

    public NotifyEVChargingNeedsRequest Request(int evseId, OcppVersion version, DateTimeOffset now)
    {
        var dc = new DCChargingParametersType
        {
            EvMaxVoltage = 500,
            EvMaxCurrent = Math.Round((decimal)MaxChargeW / DcVoltage, 1),
            EvMaxPower = (decimal)MaxChargeW,
            EnergyAmount = (decimal)EnergyRequestWh,
            StateOfCharge = SocPercent,
            FullSoC = TargetSocPercent,
        };
        var bidirectional = version == OcppVersion.V21;
        return new NotifyEVChargingNeedsRequest
        {
            EvseId = evseId,
            Timestamp = now,
            ChargingNeeds = new ChargingNeedsType
            {
                RequestedEnergyTransfer = bidirectional ? EnergyTransferModeEnumType.DC_BPT : EnergyTransferModeEnumType.DC,
                DepartureTime = DepartureAfter is { } d ? now + d : null,
                DcChargingParameters = dc,
                V2xChargingParameters = bidirectional
                    ? new V2XChargingParametersType
                    {
                        MaxChargePower = (decimal)MaxChargeW,
                        MaxDischargePower = (decimal)MaxDischargeW,
                        TargetSoC = TargetSocPercent,
                        EvTargetEnergyRequest = (decimal)EnergyRequestWh,
                    }
                    : null,
            },
        };
    }
}
