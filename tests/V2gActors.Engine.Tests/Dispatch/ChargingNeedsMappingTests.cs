using V2gActors.Engine.Sessions;
using V2gActors.Ocpp.Messages.V21;
using static V2gActors.Engine.Tests.Dispatch.DispatchSamples;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class ChargingNeedsMappingTests
{
    [Fact]
    public void Bidirectional_needs_become_session_bounds()
    {
        var departure = Now.AddHours(8);
        var request = new NotifyEVChargingNeedsRequest
        {
            EvseId = 2,
            ChargingNeeds = new ChargingNeedsType
            {
                RequestedEnergyTransfer = EnergyTransferModeEnumType.DC_BPT,
                DepartureTime = departure,
                DcChargingParameters = new DCChargingParametersType { EvMaxCurrent = 200, EvMaxVoltage = 400, StateOfCharge = 40 },
                V2xChargingParameters = new V2XChargingParametersType
                {
                    MaxChargePower = 22_000, MaxDischargePower = 11_000, EvTargetEnergyRequest = 30_000, TargetSoC = 80,
                },
            },
        };

        var bounds = ChargingNeedsMapping.ToRegistration("S-1", "F1", "CS-9", request, "tx-9", Now).Bounds;

        Assert.Equal(new SessionBounds("S-1", "F1", "CS-9", 2, 22_000, 11_000, 40, 20, 80, 30_000, departure, "tx-9", Now), bounds);
        Assert.Null(bounds.Validate());
    }

    [Fact]
    public void Ac_needs_estimate_power_from_current_voltage_and_phases()
    {
        var request = new NotifyEVChargingNeedsRequest
        {
            EvseId = 1,
            ChargingNeeds = new ChargingNeedsType
            {
                RequestedEnergyTransfer = EnergyTransferModeEnumType.ACSinglePhase,
                AcChargingParameters = new ACChargingParametersType { EnergyAmount = 10_000, EvMinCurrent = 6, EvMaxCurrent = 32, EvMaxVoltage = 230 },
            },
        };
        var bounds = ChargingNeedsMapping.ToRegistration("S-2", "F1", "CS-1", request, null, Now).Bounds;
        Assert.Equal((7_360, 0, 10_000), (bounds.MaxChargeW, bounds.MaxDischargeW, bounds.EnergyRequestWh));
    }
}
