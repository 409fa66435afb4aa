using System.Text;
using System.Text.Json;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>The CSMS→charger smart-charging actions the entity tracks, and whether the station accepted one.</summary>
public static class SmartChargingActions
{
    public const string SetChargingProfile = "SetChargingProfile";
    public const string ClearChargingProfile = "ClearChargingProfile";
    public const string UpdateDynamicSchedule = "UpdateDynamicSchedule";

    public static bool IsAccepted(string action, string? resultJson)
    {
        if (resultJson is null) return false;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(resultJson);
            return action switch
            {
                SetChargingProfile => OcppPayloadCodec.Decode<SetChargingProfileResponse>(bytes).Status == ChargingProfileStatusEnumType.Accepted,
                UpdateDynamicSchedule => OcppPayloadCodec.Decode<UpdateDynamicScheduleResponse>(bytes).Status == ChargingProfileStatusEnumType.Accepted,
                ClearChargingProfile => OcppPayloadCodec.Decode<ClearChargingProfileResponse>(bytes).Status == ClearChargingProfileStatusEnumType.Accepted,
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
