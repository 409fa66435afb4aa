using System.Text;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Sessions;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Fleets;

/// <summary>
/// The OCPP 2.1 frames that carry a fleet setpoint to one EVSE. Pure. The first frame installs a Dynamic profile in
/// operation mode CentralSetpoint (K01 + Q08); later ones only move its setpoint with UpdateDynamicSchedule (K29),
/// which is one small frame instead of a whole profile. <c>limit</c> and <c>dischargeLimit</c> carry the session's hard
/// bounds, so a charger overshooting while it follows the setpoint stays within what the vehicle allows.
/// </summary>
public static class SetpointFrames
{
    public const string SetChargingProfile = "SetChargingProfile";
    public const string UpdateDynamicSchedule = "UpdateDynamicSchedule";

    /// <summary>Stack level of fleet profiles: above a TxDefaultProfile at 0, below anything an operator sets higher.</summary>
    public const int StackLevel = 1;

    /// <summary>Profile ids are unique per station; one fleet profile per EVSE, so the id is derived from the EVSE.</summary>
    public static int ProfileIdFor(int evseId) => 71_000 + evseId;

    /// <summary>Setpoints are sent to 0.1 W: far below what a charger resolves, and the sum stays within N × 0.05 W.</summary>
    public static decimal Round(double watts) => Math.Round((decimal)watts, 1, MidpointRounding.AwayFromZero);

    /// <summary>The frame as an OCPP action and payload (what <see cref="CommandFor"/> puts on the wire).</summary>
    public static (string Action, string PayloadJson) For(
        SessionBounds bounds, double setpointW, double hardLowW, double hardHighW, bool profileInstalled, DateTimeOffset now)
    {
        var command = CommandFor(bounds, setpointW, hardLowW, hardHighW, profileInstalled, now);
        return (ActionOf(command), PayloadOf(command));
    }

    /// <summary>
    /// The command for the charger entity: once the profile is installed a typed <see cref="SendSetpointUpdate"/> (no
    /// JSON in the fleet's dispatch loop, none to decode in the entity), before that the whole profile.
    /// </summary>
    public static IChargerCommand CommandFor(
        SessionBounds bounds, double setpointW, double hardLowW, double hardHighW, bool profileInstalled, DateTimeOffset now)
    {
        var setpoint = Round(setpointW);
        var limit = Round(Math.Max(0, hardHighW));
        var dischargeLimit = Round(Math.Min(0, hardLowW));
        if (profileInstalled)
            return new SendSetpointUpdate(bounds.StationId, ProfileIdFor(bounds.EvseId), setpoint, limit, dischargeLimit);

        return new SendChargerCommand(bounds.StationId, SetChargingProfile, Json(DynamicProfile(bounds, now, new ChargingSchedulePeriodType
        {
            StartPeriod = 0,
            OperationMode = OperationModeEnumType.CentralSetpoint,
            Setpoint = setpoint,
            Limit = limit,
            DischargeLimit = dischargeLimit,
        })));
    }

    /// <summary>
    /// The fleet's Dynamic profile on the EVSE's slot (<see cref="ProfileIdFor"/>) with one schedule period: central
    /// setpoints and pre-positioned frequency curves share it. TxProfile needs the transaction (K01.FR.03); before the
    /// charger reported one, the EVSE's default profile carries the period instead.
    /// </summary>
    public static SetChargingProfileRequest DynamicProfile(SessionBounds bounds, DateTimeOffset now, ChargingSchedulePeriodType period) => new()
    {
        EvseId = bounds.EvseId,
        ChargingProfile = new ChargingProfileType
        {
            Id = ProfileIdFor(bounds.EvseId),
            StackLevel = StackLevel,
            ChargingProfilePurpose = bounds.TransactionId is null
                ? ChargingProfilePurposeEnumType.TxDefaultProfile : ChargingProfilePurposeEnumType.TxProfile,
            ChargingProfileKind = ChargingProfileKindEnumType.Dynamic,
            TransactionId = bounds.TransactionId,
            DynUpdateTime = now,
            ChargingSchedule =
            [
                new ChargingScheduleType
                {
                    Id = ProfileIdFor(bounds.EvseId),
                    ChargingRateUnit = ChargingRateUnitEnumType.W,
                    ChargingSchedulePeriod = [period],
                },
            ],
        },
    };

    public static string ActionOf(IChargerCommand command) => command switch
    {
        SendChargerCommand c => c.Action,
        SendSetpointUpdate => SendSetpointUpdate.Action,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "not a setpoint frame"),
    };

    public static string PayloadOf(IChargerCommand command) => command switch
    {
        SendChargerCommand c => c.PayloadJson,
        SendSetpointUpdate u => u.PayloadJson(),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "not a setpoint frame"),
    };

    /// <summary>True when a CALLRESULT to one of our frames says Accepted.</summary>
    public static bool IsAccepted(string action, string? resultJson) => Chargers.SmartCharging.SmartChargingActions.IsAccepted(action, resultJson);

    private static string Json<T>(T payload) => Encoding.UTF8.GetString(OcppPayloadCodec.Encode(payload));
}
