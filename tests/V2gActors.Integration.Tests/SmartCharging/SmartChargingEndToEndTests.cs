using System.Collections.Concurrent;
using System.Text;
using Akka.Actor;
using V2gActors.Engine.Chargers;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Simulators.Chargers;
using static V2gActors.Integration.Tests.SmartCharging.SmartChargingFrames;

namespace V2gActors.Integration.Tests.SmartCharging;

/// <summary>
/// OCPP 2.1 smart charging and V2X between the CSMS and the simulated station over a real WebSocket: every purpose,
/// Dynamic profiles with their updates and pulls, reports, composite schedules, semantic refusals, update storms.
/// </summary>
public sealed class SmartChargingEndToEndTests
{
    [Fact]
    public async Task Every_smart_charging_message_round_trips_and_validates_against_the_official_schema()
    {
        const string station = "SC-001";
        var sqlite = TempFiles.SqlitePath();
        var observed = Observer();
        var answers = new ConcurrentQueue<ChargerCommandCompleted>();
        var node = await TestNode.StartAsync(sqlite);
        try
        {
            await using var charger = new SimulatedCharger(station, node.SimulatorOptions(observed.Enqueue) with
            {
                PlugInAfter = null, PullDynamicScheduleEvery = TimeSpan.FromMilliseconds(300),
            });
            charger.Start();
            await WaitUntilReadyAsync(node, station);
            await charger.StartTransactionAsync(1);
            var transactionId = charger.ActiveTransactionId(1)!;
            await Eventually.HoldsAsync(async () => (await node.StateAsync(station)).OpenTransactions.Length == 1, TimeSpan.FromSeconds(30));

            async Task<T> Command<T>(string action, string payload) where T : class
            {
                var done = await node.CommandAsync(station, action, payload);
                answers.Enqueue(done);
                return Result<T>(done);
            }

            var dynamicTx = Profile(71001, ChargingProfilePurposeEnumType.TxProfile, 2,
                Period(11_000, -7_000, -5_000, OperationModeEnumType.CentralSetpoint) with { SetpointReactive = 1_500 }) with
            {
                ChargingProfileKind = ChargingProfileKindEnumType.Dynamic, TransactionId = transactionId,
                DynUpdateInterval = 60, MaxOfflineDuration = 120, InvalidAfterOfflineDuration = true,
            };
            (int Evse, ChargingProfileType Profile)[] profiles =
            [
                (0, Profile(1, ChargingProfilePurposeEnumType.ChargingStationMaxProfile, 0, Period(20_000, -15_000))),
                (0, Profile(2, ChargingProfilePurposeEnumType.ChargingStationExternalConstraints, 0, Period(18_000))),
                (0, Profile(3, ChargingProfilePurposeEnumType.LocalGeneration, 0, Period(2_000))),
                (1, Profile(4, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, Period(16_000))),
                (1, Profile(5, ChargingProfilePurposeEnumType.TxDefaultProfile, 1, Period(16_000, mode: OperationModeEnumType.LocalFrequency) with
                {
                    V2xBaseline = 0,
                    V2xFreqWattCurve = [new() { Frequency = 49.8m, Power = 7_000 }, new() { Frequency = 50.2m, Power = -7_000 }],
                    V2xSignalWattCurve = [new() { Signal = -100, Power = -7_000 }, new() { Signal = 100, Power = 7_000 }],
                })),
                (1, Profile(6, ChargingProfilePurposeEnumType.PriorityCharging, 0, Period(22_000))),
                (1, dynamicTx),
            ];
            foreach (var (evse, profile) in profiles)
                Assert.Equal(ChargingProfileStatusEnumType.Accepted,
                    (await Command<SetChargingProfileResponse>("SetChargingProfile", SetProfile(evse, profile))).Status);
            await Eventually.HoldsAsync(() => charger.PowerW(1) == -5_000, TimeSpan.FromSeconds(10));

            // Every other V2X operation mode the EVSE lists goes out too (one profile id, replaced each time).
            foreach (var period in new[]
                     {
                         Period(0, mode: OperationModeEnumType.Idle),
                         Period(11_000, mode: OperationModeEnumType.ChargingOnly),
                         Period(11_000, -7_000, mode: OperationModeEnumType.ExternalSetpoint),
                         Period(11_000, -7_000, mode: OperationModeEnumType.ExternalLimits),
                         Period(11_000, -7_000, 0, OperationModeEnumType.CentralFrequency),
                         Period(11_000, -7_000, mode: OperationModeEnumType.LocalLoadBalancing),
                     })
                Assert.Equal(ChargingProfileStatusEnumType.Accepted, (await Command<SetChargingProfileResponse>("SetChargingProfile",
                    SetProfile(1, Profile(20, ChargingProfilePurposeEnumType.TxDefaultProfile, 3, period)))).Status);

            // The setpoint moves with one small frame; the simulated EV follows it in its meter values.
            Assert.Equal(ChargingProfileStatusEnumType.Accepted,
                (await Command<UpdateDynamicScheduleResponse>("UpdateDynamicSchedule", Update(71001, -3_000))).Status);
            await Eventually.HoldsAsync(async () =>
            {
                var tx = (await node.StateAsync(station)).OpenTransactions.Single();
                return tx.LatestMeterValues.Any(s => s.Measurand == MeterMeasurands.PowerActiveExport && s.Value == 3_000);
            }, TimeSpan.FromSeconds(20));

            // The station pulls the Dynamic profile's values; the CSMS answers from the entity's memory.
            await Eventually.HoldsAsync(() => observed.Any(f => f.Action == "PullDynamicScheduleUpdate" &&
                OcppPayloadCodec.Decode<PullDynamicScheduleUpdateResponse>(f.Payload.Span).ScheduleUpdate?.Setpoint == -3_000),
                TimeSpan.FromSeconds(20));

            // K09: the station reports what it holds.
            Assert.Equal(GetChargingProfileStatusEnumType.Accepted, (await Command<GetChargingProfilesResponse>("GetChargingProfiles",
                Json(new GetChargingProfilesRequest { RequestId = 42, ChargingProfile = new ChargingProfileCriterionType() }))).Status);
            await Eventually.HoldsAsync(() => observed.Count(f => f.Action == "ReportChargingProfiles") == 2, TimeSpan.FromSeconds(20));

            // K08: the station's composite schedule equals what the entity expects from its own record.
            var composite = await Command<GetCompositeScheduleResponse>("GetCompositeSchedule",
                Json(new GetCompositeScheduleRequest { EvseId = 1, Duration = 3600, ChargingRateUnit = ChargingRateUnitEnumType.W }));
            var expected = await ExpectedCompositeAsync(node, station, 1, 3600);
            var (reported, mine) = (composite.Schedule!.ChargingSchedulePeriod[0], expected.ChargingSchedulePeriod[0]);
            Assert.Equal((11_000m, -7_000m, -3_000m, OperationModeEnumType.CentralSetpoint),
                (mine.Limit, mine.DischargeLimit, mine.Setpoint, mine.OperationMode));
            Assert.Equal((mine.Limit, mine.DischargeLimit, mine.Setpoint, mine.OperationMode),
                (reported.Limit, reported.DischargeLimit, reported.Setpoint, reported.OperationMode));

            // K10: clear by criteria and by id; the entity's record follows.
            Assert.Equal(ClearChargingProfileStatusEnumType.Accepted, (await Command<ClearChargingProfileResponse>("ClearChargingProfile",
                Json(new ClearChargingProfileRequest
                {
                    ChargingProfileCriteria = new ClearChargingProfileType { ChargingProfilePurpose = ChargingProfilePurposeEnumType.LocalGeneration },
                }))).Status);
            Assert.Equal(ClearChargingProfileStatusEnumType.Accepted, (await Command<ClearChargingProfileResponse>("ClearChargingProfile",
                Json(new ClearChargingProfileRequest { ChargingProfileId = 6 }))).Status);

            var installed = await InstalledAsync(node, station);
            Assert.Equal([1, 2, 4, 5, 20, 71001], installed.Profiles.Select(p => p.ProfileId).Order());
            Assert.Equal("LocalLoadBalancing", installed.Profiles.Single(p => p.ProfileId == 20).OperationMode);
            var tx = installed.Profiles.Single(p => p.ProfileId == 71001);
            Assert.Equal(("TxProfile", "Dynamic", "CentralSetpoint", transactionId), (tx.Purpose, tx.Kind, tx.OperationMode, tx.TransactionId));
            Assert.Contains("-3000", tx.DynamicUpdateJson);
        }
        finally
        {
            await node.DisposeAsync();
        }

        // The record is journaled: a restarted node knows the same profiles.
        await using (var restarted = await TestNode.StartAsync(sqlite))
        {
            var recovered = await InstalledAsync(restarted, station);
            Assert.Equal([1, 2, 4, 5, 20, 71001], recovered.Profiles.Select(p => p.ProfileId).Order());
        }

        AssertSchemaValid(observed, answers);
        foreach (var action in new[] { "SetChargingProfile", "UpdateDynamicSchedule", "GetChargingProfiles", "GetCompositeSchedule", "ClearChargingProfile" })
            Assert.Contains(observed, f => f.Action == action && f.Kind == OcppPayloadKind.Request);
        foreach (var action in new[] { "ReportChargingProfiles", "PullDynamicScheduleUpdate" })
            Assert.Contains(observed, f => f.Action == action && f.Kind == OcppPayloadKind.Response);
    }

    [Fact]
    public async Task A_profile_that_breaks_a_rule_or_the_station_capability_is_refused_with_a_reason_and_never_sent()
    {
        const string station = "SC-REFUSE";
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        var observed = Observer();
        await using var charger = new SimulatedCharger(station, node.SimulatorOptions(observed.Enqueue) with { PlugInAfter = null, Bidirectional = false });
        charger.Start();
        await WaitUntilReadyAsync(node, station);

        (ChargingProfileType Profile, string Reason)[] refused =
        [
            (Profile(10, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, Period(11_000, -7_000, 12_000, OperationModeEnumType.CentralSetpoint)),
                "outside"),
            (Profile(11, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, Period(mode: OperationModeEnumType.ChargingOnly)),
                "needs a limit"),
            (Profile(12, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, Period(mode: OperationModeEnumType.CentralSetpoint)),
                "needs a setpoint"),
            (Profile(13, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, Period(11_000, -7_000, -3_000, OperationModeEnumType.CentralSetpoint)),
                "not bidirectional"),
            (Profile(14, ChargingProfilePurposeEnumType.TxDefaultProfile, 0, Period(11_000, mode: OperationModeEnumType.ExternalSetpoint)),
                "does not list operationMode ExternalSetpoint"),
        ];
        foreach (var (profile, reason) in refused)
        {
            var done = await node.CommandAsync(station, "SetChargingProfile", SetProfile(1, profile));
            Assert.Equal(CommandOutcome.Invalid, done.Outcome);
            Assert.Contains(reason, done.ErrorDescription);
        }
        Assert.Equal(CommandOutcome.Invalid, (await node.CommandAsync(station, "UpdateDynamicSchedule", Update(99, 1_000))).Outcome);
        Assert.DoesNotContain(charger.CommandsReceived, a => a is "SetChargingProfile" or "UpdateDynamicSchedule");

        // A charging-only setpoint on the same EVSE is within what it can do, so it goes out.
        var ok = await node.CommandAsync(station, "SetChargingProfile", SetProfile(1, Profile(15, ChargingProfilePurposeEnumType.TxDefaultProfile, 0,
            Period(11_000, 0, 4_000, OperationModeEnumType.CentralSetpoint))));
        Assert.Equal(ChargingProfileStatusEnumType.Accepted, Result<SetChargingProfileResponse>(ok).Status);
        Assert.Single(charger.CommandsReceived, a => a == "SetChargingProfile");
        AssertSchemaValid(observed, [ok]);
    }

    [Fact]
    public async Task A_burst_of_1000_setpoints_for_one_evse_reaches_the_station_as_a_handful_of_frames_ending_with_the_last()
    {
        const string station = "SC-BURST";
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        var observed = Observer();
        await using var charger = new SimulatedCharger(station, node.SimulatorOptions(observed.Enqueue) with { PlugInAfter = null });
        charger.Start();
        await WaitUntilReadyAsync(node, station);
        var install = await node.CommandAsync(station, "SetChargingProfile", SetProfile(1, Profile(71001, ChargingProfilePurposeEnumType.TxDefaultProfile, 1,
            Period(11_000, -7_000, 0, OperationModeEnumType.CentralSetpoint)) with { ChargingProfileKind = ChargingProfileKindEnumType.Dynamic }));
        Assert.Equal(ChargingProfileStatusEnumType.Accepted, Result<SetChargingProfileResponse>(install).Status);

        var region = await node.ChargerRegionAsync();
        var asks = Enumerable.Range(1, 1000).Select(i => region.Ask<ChargerCommandCompleted>(
            new SendChargerCommand(station, "UpdateDynamicSchedule", Update(71001, -7_000 + i * 10)), TimeSpan.FromSeconds(60))).ToList();
        var answers = await Task.WhenAll(asks);

        Assert.All(answers, a => Assert.True(a.Outcome is CommandOutcome.Completed or CommandOutcome.Superseded, $"{a.Outcome} {a.ErrorDescription}"));
        Assert.True(answers[^1].Succeeded);
        await Eventually.HoldsAsync(() => charger.PowerW(1) == 3_000, TimeSpan.FromSeconds(10));
        var frames = charger.SetpointsReceived.Where(s => s.Action == "UpdateDynamicSchedule").ToList();
        Assert.InRange(frames.Count, 1, 5);
        Assert.Equal(3_000, frames[^1].SetpointW);
        Assert.True(answers.Count(a => a.Outcome == CommandOutcome.Superseded) >= 995, "superseded updates are answered as such");

        var installed = (await InstalledAsync(node, station)).Profiles.Single();
        Assert.Contains("3000", installed.DynamicUpdateJson);
        AssertSchemaValid(observed, [install]);
        Console.WriteLine($"1000 setpoint updates → {frames.Count} UpdateDynamicSchedule frame(s) at the station (measured under shared load)");
    }
}
