using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>The charger→CSMS smart-charging CALLs (OCPP 2.1 K09 report, K30 pull). Pure; answered from the entity's state.</summary>
public static class SmartChargingCalls
{
    /// <summary>
    /// K30: a station that lost (or distrusts) its last dynamic update asks for the current values of a Dynamic profile;
    /// the answer is the last accepted UpdateDynamicSchedule, or the values the profile was installed with.
    /// </summary>
    public static ChargerCallDecision Pull(ChargingProfileBook book, PullDynamicScheduleUpdateRequest pull)
    {
        if (book.Find(pull.ChargingProfileId) is not { } installed || installed.Kind != OcppText.Of(ChargingProfileKindEnumType.Dynamic))
            return ChargerCallDecision.Reply(new PullDynamicScheduleUpdateResponse
            {
                Status = ChargingProfileStatusEnumType.Rejected,
                StatusInfo = new StatusInfoType
                {
                    ReasonCode = "UnknownProfile",
                    AdditionalInfo = $"No Dynamic profile {pull.ChargingProfileId} is installed for this station.",
                },
            });

        var update = ChargingProfileBook.ParseUpdate(installed) ?? FromProfile(ChargingProfileBook.Parse(installed));
        return ChargerCallDecision.Reply(new PullDynamicScheduleUpdateResponse { Status = ChargingProfileStatusEnumType.Accepted, ScheduleUpdate = update });
    }

    /// <summary>K09: the report answering our GetChargingProfiles; the CSMS keeps its own record, so it only acknowledges.</summary>
    public static ChargerCallDecision Report(ReportChargingProfilesRequest report) =>
        ChargerCallDecision.Reply(new ReportChargingProfilesResponse());

    private static ChargingScheduleUpdateType FromProfile(ChargingProfileType profile)
    {
        var period = profile.ChargingSchedule[0].ChargingSchedulePeriod[0];
        return new ChargingScheduleUpdateType
        {
            Limit = period.Limit, LimitL2 = period.LimitL2, LimitL3 = period.LimitL3,
            DischargeLimit = period.DischargeLimit, DischargeLimitL2 = period.DischargeLimitL2, DischargeLimitL3 = period.DischargeLimitL3,
            Setpoint = period.Setpoint, SetpointL2 = period.SetpointL2, SetpointL3 = period.SetpointL3,
            SetpointReactive = period.SetpointReactive, SetpointReactiveL2 = period.SetpointReactiveL2, SetpointReactiveL3 = period.SetpointReactiveL3,
        };
    }
}
