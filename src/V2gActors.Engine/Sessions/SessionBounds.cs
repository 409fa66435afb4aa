using V2gActors.Domain.Allocation;
using V2gActors.Domain.Ids;
using V2gActors.Domain.Units;

namespace V2gActors.Engine.Sessions;

/// <summary>
/// What one plugged-in EV at one EVSE allows the fleet to do, in plain numbers so the record journals and crosses nodes
/// as JSON: watts import positive, SoC in percent, energy in Wh. <paramref name="TransactionId"/> (when the charger has
/// one) lets the fleet send a TxProfile bound to that transaction.
/// </summary>
public sealed record SessionBounds(
    string SessionId,
    string FleetId,
    string StationId,
    int EvseId,
    double MaxChargeW,
    double MaxDischargeW,
    double SocPercent,
    double ReservePercent,
    double TargetSocPercent,
    double EnergyRequestWh,
    DateTimeOffset? Departure,
    string? TransactionId,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The reason these bounds cannot be used, or null when they describe a real session.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(SessionId) || string.IsNullOrWhiteSpace(FleetId) || string.IsNullOrWhiteSpace(StationId))
            return "session, fleet and station ids are required";
        if (EvseId < 1) return "evseId starts at 1";
        if (!(MaxChargeW >= 0) || !(MaxDischargeW >= 0) || !double.IsFinite(MaxChargeW) || !double.IsFinite(MaxDischargeW))
            return "max charge/discharge are finite non-negative magnitudes";
        foreach (var soc in (double[])[SocPercent, ReservePercent, TargetSocPercent])
            if (!(soc is >= 0 and <= 100)) return "SoC, reserve and target SoC are percentages 0..100";
        return double.IsFinite(EnergyRequestWh) ? null : "energy request must be finite";
    }

    /// <summary>
    /// The allocator's view of this session. <paramref name="heldSetpointW"/> is the last setpoint the charger accepted
    /// (ramp limits and frozen sessions start from it); a session the fleet cannot currently command is passed with
    /// <paramref name="frozen"/> so the allocator keeps it where it is and counts it against the target. The allocator also
    /// freezes it when <paramref name="heardAt"/> (default: now) is older than its stale-telemetry policy.
    /// </summary>
    public VehicleSession ToAllocatorSession(double heldSetpointW, DateTimeOffset now, bool frozen = false, int limitNode = 0,
        RampRate? ramp = null, DateTimeOffset? heardAt = null) => new(
        new SessionId(SessionId),
        LimitNode: limitNode,
        new Watts(MaxChargeW),
        new Watts(MaxDischargeW),
        new BatteryWindow(new StateOfCharge(SocPercent), new StateOfCharge(ReservePercent), new StateOfCharge(TargetSocPercent)),
        Departure is { } departure ? new EnergyNeed(new WattHours(EnergyRequestWh), departure) : EnergyNeed.None,
        new Watts(heldSetpointW),
        ramp ?? RampRate.Unlimited,
        // Frozen = "not heard from for ages"; MinValue keeps the arithmetic in range (now − MinValue ≈ 2000 years).
        LastTelemetryAt: frozen ? DateTimeOffset.MinValue : heardAt ?? now);
}
