using System.Text;
using V2gActors.Engine.Sessions;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Tests.Dispatch;

internal static class DispatchSamples
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static SessionBounds Bounds(string sessionId, string fleetId = "F1", string? station = null, int evse = 1,
        double maxCharge = 11_000, double maxDischarge = 11_000, double soc = 60, double reserve = 20, double target = 90,
        string? transactionId = "tx-1") =>
        new(sessionId, fleetId, station ?? $"CS-{sessionId}", evse, maxCharge, maxDischarge, soc, reserve, target,
            EnergyRequestWh: 0, Departure: null, transactionId, Now);

    /// <summary>The setpoint (and bounds) a SetChargingProfile or UpdateDynamicSchedule payload carries.</summary>
    public static (double Setpoint, double Limit, double DischargeLimit) SetpointOf(string action, string payloadJson)
    {
        var bytes = Encoding.UTF8.GetBytes(payloadJson);
        if (action == "UpdateDynamicSchedule")
        {
            var u = OcppPayloadCodec.Decode<UpdateDynamicScheduleRequest>(bytes).ScheduleUpdate;
            return ((double)u.Setpoint!, (double)u.Limit!, (double)u.DischargeLimit!);
        }
        var p = OcppPayloadCodec.Decode<SetChargingProfileRequest>(bytes).ChargingProfile.ChargingSchedule[0].ChargingSchedulePeriod[0];
        return ((double)p.Setpoint!, (double)p.Limit!, (double)p.DischargeLimit!);
    }
}
