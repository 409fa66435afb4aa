using System.Collections.Concurrent;
using System.Text;
using Akka.Actor;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Simulators.Chargers;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Integration.Tests.SmartCharging;

/// <summary>Payload builders and checks shared by the smart-charging end-to-end tests.</summary>
internal static class SmartChargingFrames
{
    public static string Json(object payload) => Encoding.UTF8.GetString(OcppPayloadCodec.Encode(payload));

    public static string SetProfile(int evseId, ChargingProfileType profile) =>
        Json(new SetChargingProfileRequest { EvseId = evseId, ChargingProfile = profile });

    public static ChargingProfileType Profile(int id, ChargingProfilePurposeEnumType purpose, int stackLevel,
        params ChargingSchedulePeriodType[] periods) => new()
    {
        Id = id,
        StackLevel = stackLevel,
        ChargingProfilePurpose = purpose,
        ChargingProfileKind = ChargingProfileKindEnumType.Absolute,
        ChargingSchedule =
        [
            new ChargingScheduleType
            {
                Id = id, ChargingRateUnit = ChargingRateUnitEnumType.W, StartSchedule = DateTimeOffset.UtcNow.AddMinutes(-1),
                ChargingSchedulePeriod = periods,
            },
        ],
    };

    public static ChargingSchedulePeriodType Period(decimal? limit = null, decimal? dischargeLimit = null, decimal? setpoint = null,
        OperationModeEnumType? mode = null) =>
        new() { StartPeriod = 0, Limit = limit, DischargeLimit = dischargeLimit, Setpoint = setpoint, OperationMode = mode };

    public static string Update(int profileId, decimal setpoint, decimal limit = 11_000, decimal dischargeLimit = -7_000) => Json(
        new UpdateDynamicScheduleRequest
        {
            ChargingProfileId = profileId,
            ScheduleUpdate = new ChargingScheduleUpdateType { Setpoint = setpoint, Limit = limit, DischargeLimit = dischargeLimit },
        });

    public static T Result<T>(ChargerCommandCompleted done) where T : class
    {
        Assert.True(done.Succeeded, $"{done.Action}: {done.Outcome} {done.ErrorCode} {done.ErrorDescription}");
        return OcppPayloadCodec.Decode<T>(Encoding.UTF8.GetBytes(done.ResultJson!));
    }

    public static async Task<InstalledChargingProfilesView> InstalledAsync(TestNode node, string stationId) =>
        await (await node.ChargerRegionAsync()).Ask<InstalledChargingProfilesView>(new GetInstalledChargingProfiles(stationId),
            TimeSpan.FromSeconds(30));

    public static async Task<CompositeScheduleType> ExpectedCompositeAsync(TestNode node, string stationId, int evseId, int duration)
    {
        var view = await (await node.ChargerRegionAsync()).Ask<ExpectedCompositeScheduleView>(
            new GetExpectedCompositeSchedule(stationId, evseId, duration), TimeSpan.FromSeconds(30));
        return OcppPayloadCodec.Decode<CompositeScheduleType>(Encoding.UTF8.GetBytes(view.ScheduleJson));
    }

    /// <summary>Boots a station and waits until the entity holds its device model (so capability checks apply).</summary>
    public static async Task WaitUntilReadyAsync(TestNode node, string stationId) =>
        await Eventually.HoldsAsync(async () =>
        {
            var state = await node.StateAsync(stationId);
            return state.Registration == RegistrationStatus.Accepted && state.DeviceModelVariableCount > 0;
        }, TimeSpan.FromSeconds(60));

    /// <summary>Every payload the CSMS emitted (and every charger answer the tests collected) against the official 2.1 schemas.</summary>
    public static void AssertSchemaValid(IEnumerable<CsmsFrameObserved> observed, IEnumerable<ChargerCommandCompleted> answers)
    {
        var frames = observed.Select(f => (f.Version, f.Action, f.Kind, Json: Encoding.UTF8.GetString(f.Payload.Span)))
            .Concat(answers.Where(a => a.ResultJson is not null).Select(a => (Version: OcppVersion.V21, a.Action, Kind: OcppPayloadKind.Response, Json: a.ResultJson!)));
        var failures = frames
            .Select(f => (f, errors: OcppSchemaValidator.Validate(f.Version, f.Action, f.Kind, f.Json)))
            .Where(x => x.errors.Count > 0)
            .Select(x => $"{x.f.Version} {x.f.Action}{x.f.Kind}: {string.Join(", ", x.errors)} in {x.f.Json}")
            .Distinct()
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static ConcurrentQueue<CsmsFrameObserved> Observer() => new();
}
