using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Sessions;

/// <summary>
/// OCPP 2.1 NotifyEVChargingNeeds → session bounds. Pure. Prefers the V2X parameters (bidirectional: max charge and
/// discharge power, target SoC, energy requests), then DC, then AC (current × voltage × phases as an estimate).
/// Values the EV did not send fall back to <paramref name="defaults"/>.
/// </summary>
public static class ChargingNeedsMapping
{
    /// <summary>What to assume when the EV does not say (reserve is a fleet policy, never sent by the EV).</summary>
    public sealed record Defaults(double SocPercent = 50, double ReservePercent = 20, double TargetSocPercent = 100);

    public static RegisterVehicleSession ToRegistration(
        string sessionId, string fleetId, string stationId, NotifyEVChargingNeedsRequest request, string? transactionId,
        DateTimeOffset now, Defaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        defaults ??= new Defaults();
        var needs = request.ChargingNeeds;
        var v2x = needs.V2xChargingParameters;
        var dc = needs.DcChargingParameters;
        var ac = needs.AcChargingParameters;

        var maxCharge = v2x?.MaxChargePower ?? dc?.EvMaxPower
            ?? (ac is { } a ? a.EvMaxCurrent * a.EvMaxVoltage * PhasesOf(needs.RequestedEnergyTransfer) : 0m);
        var maxDischarge = v2x?.MaxDischargePower ?? 0m;
        var energy = v2x?.EvTargetEnergyRequest ?? dc?.EnergyAmount ?? ac?.EnergyAmount ?? 0m;
        var soc = (double?)dc?.StateOfCharge ?? defaults.SocPercent;
        var target = (double?)v2x?.TargetSoC ?? (double?)dc?.FullSoC ?? defaults.TargetSocPercent;

        return new RegisterVehicleSession(new SessionBounds(
            sessionId, fleetId, stationId, request.EvseId,
            MaxChargeW: (double)maxCharge,
            MaxDischargeW: (double)maxDischarge,
            SocPercent: soc,
            ReservePercent: defaults.ReservePercent,
            TargetSocPercent: target,
            EnergyRequestWh: (double)energy,
            Departure: needs.DepartureTime,
            TransactionId: transactionId,
            UpdatedAt: request.Timestamp ?? now));
    }

    private static decimal PhasesOf(EnergyTransferModeEnumType mode) => mode switch
    {
        EnergyTransferModeEnumType.ACSinglePhase => 1,
        EnergyTransferModeEnumType.ACTwoPhase => 2,
        _ => 3,
    };
}
