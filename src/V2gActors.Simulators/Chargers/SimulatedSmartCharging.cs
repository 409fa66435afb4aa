using System.Collections.Immutable;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Ocpp.Transport.Client;

namespace V2gActors.Simulators.Chargers;

/// <summary>What the simulated station's EVSE does when a profile or update moves its setpoint.</summary>
/// <param name="Follow">(action, evseId, profileId, setpoint, limit, dischargeLimit): the EV follows the setpoint</param>
/// <param name="Release">(evseId): no profile drives the EVSE any more; it charges at its default power</param>
/// <param name="OpenTransactions">open transaction id → start, for TxProfiles and Relative schedules</param>
internal sealed record SimulatedEvseHooks(
    Action<string, int, int, decimal, decimal?, decimal?> Follow,
    Action<int> Release,
    Func<ImmutableDictionary<string, DateTimeOffset>> OpenTransactions);

/// <summary>
/// The charger side of OCPP 2.1 smart charging and V2X for the simulator: keeps the installed profiles (K01, K10),
/// applies UpdateDynamicSchedule (K29), reports profiles (K09 GetChargingProfiles → ReportChargingProfiles), answers
/// GetCompositeSchedule (K08, with the same pure rules as the CSMS) and, when configured, pulls dynamic updates (K30).
/// Thread-safe: the transport may deliver CALLs while the pull loop runs.
/// </summary>
internal sealed class SimulatedSmartCharging(string stationId, int evseCount, ChargerSimulatorOptions options, SimulatedEvseHooks hooks)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ProfileInForce> _profiles = [];

    public int ProfileCount { get { lock (_gate) return _profiles.Count; } }

    /// <summary>Null when <paramref name="request"/> is no smart-charging CALL.</summary>
    public IncomingCallReply? Handle(object request, Func<string, object, Task> call) => request switch
    {
        SetChargingProfileRequest r => Set(r),
        UpdateDynamicScheduleRequest r => Update(r, SetpointFrames.UpdateDynamicSchedule),
        ClearChargingProfileRequest r => Clear(r),
        GetChargingProfilesRequest r => Report(r, call),
        GetCompositeScheduleRequest r => Composite(r),
        _ => null,
    };

    /// <summary>K30: every <see cref="ChargerSimulatorOptions.PullDynamicScheduleEvery"/>, each Dynamic profile asks for its current values.</summary>
    public async Task PullLoopAsync(Func<PullDynamicScheduleUpdateRequest, Task<PullDynamicScheduleUpdateResponse?>> pull, CancellationToken token)
    {
        if (options.PullDynamicScheduleEvery is not { } every) return;
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            List<int> dynamicIds;
            lock (_gate)
                dynamicIds = [.. _profiles.Values.Where(p => p.Profile.ChargingProfileKind == ChargingProfileKindEnumType.Dynamic).Select(p => p.Profile.Id)];
            foreach (var id in dynamicIds)
            {
                var answer = await pull(new PullDynamicScheduleUpdateRequest { ChargingProfileId = id }).ConfigureAwait(false);
                if (answer is { Status: ChargingProfileStatusEnumType.Accepted, ScheduleUpdate: { } update })
                    Update(new UpdateDynamicScheduleRequest { ChargingProfileId = id, ScheduleUpdate = update }, "PullDynamicScheduleUpdate");
            }
        }
    }

    /// <summary>K01: a TxProfile ends with its transaction.</summary>
    public void TransactionEnded(string transactionId)
    {
        lock (_gate)
            foreach (var id in _profiles.Values.Where(p => p.Profile.TransactionId == transactionId).Select(p => p.Profile.Id).ToList())
                _profiles.Remove(id);
    }

    private IncomingCallReply Set(SetChargingProfileRequest request)
    {
        var profile = request.ChargingProfile;
        if (request.EvseId < 0 || request.EvseId > evseCount)
            return Reply(new SetChargingProfileResponse { Status = ChargingProfileStatusEnumType.Rejected, StatusInfo = Info("UnknownEVSE") });
        lock (_gate)
        {
            // K01: a profile with another id on the same EVSE, purpose and stack level is refused.
            if (_profiles.Values.Any(p => p.Profile.Id != profile.Id && p.EvseId == request.EvseId && p.Profile.StackLevel == profile.StackLevel &&
                                          p.Profile.ChargingProfilePurpose == profile.ChargingProfilePurpose && p.Profile.TransactionId == profile.TransactionId))
                return Reply(new SetChargingProfileResponse { Status = ChargingProfileStatusEnumType.Rejected, StatusInfo = Info("DuplicateProfile") });
            _profiles[profile.Id] = new ProfileInForce(request.EvseId, profile, DateTimeOffset.UtcNow);
        }
        var period = profile.ChargingSchedule[0].ChargingSchedulePeriod[0];
        if (request.EvseId > 0 && period.Setpoint is { } setpoint)
            hooks.Follow(SetpointFrames.SetChargingProfile, request.EvseId, profile.Id, setpoint, period.Limit, period.DischargeLimit);
        return Reply(new SetChargingProfileResponse { Status = ChargingProfileStatusEnumType.Accepted });
    }

    /// <summary>K29: only a Dynamic profile this station holds can be updated; anything else is Rejected.</summary>
    private IncomingCallReply Update(UpdateDynamicScheduleRequest request, string action)
    {
        ProfileInForce? current;
        lock (_gate)
        {
            if (!_profiles.TryGetValue(request.ChargingProfileId, out current) || current.Profile.ChargingProfileKind != ChargingProfileKindEnumType.Dynamic)
                return Reply(new UpdateDynamicScheduleResponse { Status = ChargingProfileStatusEnumType.Rejected, StatusInfo = Info("UnknownProfile") });
            _profiles[request.ChargingProfileId] = current with { Update = request.ScheduleUpdate };
        }
        var update = request.ScheduleUpdate;
        if (current.EvseId > 0 && update.Setpoint is { } setpoint)
            hooks.Follow(action, current.EvseId, request.ChargingProfileId, setpoint, update.Limit, update.DischargeLimit);
        return Reply(new UpdateDynamicScheduleResponse { Status = ChargingProfileStatusEnumType.Accepted });
    }

    private IncomingCallReply Clear(ClearChargingProfileRequest request)
    {
        List<ProfileInForce> cleared;
        lock (_gate)
        {
            var criteria = request.ChargingProfileCriteria;
            cleared = [.. _profiles.Values.Where(p =>
                (request.ChargingProfileId is not { } id || p.Profile.Id == id) &&
                (criteria?.EvseId is not { } evse || p.EvseId == evse) &&
                (criteria?.ChargingProfilePurpose is not { } purpose || p.Profile.ChargingProfilePurpose == purpose) &&
                (criteria?.StackLevel is not { } level || p.Profile.StackLevel == level))];
            foreach (var p in cleared) _profiles.Remove(p.Profile.Id);
        }
        foreach (var p in cleared.Where(p => p.EvseId > 0)) hooks.Release(p.EvseId);
        return Reply(new ClearChargingProfileResponse
        {
            Status = cleared.Count > 0 ? ClearChargingProfileStatusEnumType.Accepted : ClearChargingProfileStatusEnumType.Unknown,
        });
    }

    /// <summary>K09: accept, then report the matching profiles per EVSE in ReportChargingProfiles CALLs (after our CALLRESULT).</summary>
    private IncomingCallReply Report(GetChargingProfilesRequest request, Func<string, object, Task> call)
    {
        List<IGrouping<int, ProfileInForce>> byEvse;
        lock (_gate)
        {
            var c = request.ChargingProfile;
            byEvse = [.. _profiles.Values
                .Where(p => request.EvseId is not { } evse || p.EvseId == evse)
                .Where(p => c.ChargingProfilePurpose is not { } purpose || p.Profile.ChargingProfilePurpose == purpose)
                .Where(p => c.StackLevel is not { } level || p.Profile.StackLevel == level)
                .Where(p => c.ChargingProfileId is not { Count: > 0 } ids || ids.Contains(p.Profile.Id))
                .GroupBy(p => p.EvseId).OrderBy(g => g.Key)];
        }
        if (byEvse.Count == 0) return Reply(new GetChargingProfilesResponse { Status = GetChargingProfileStatusEnumType.NoProfiles });
        _ = Task.Run(async () =>
        {
            await Task.Delay(20).ConfigureAwait(false);
            for (var i = 0; i < byEvse.Count; i++)
                await call("ReportChargingProfiles", new ReportChargingProfilesRequest
                {
                    RequestId = request.RequestId, ChargingLimitSource = "CSO", EvseId = byEvse[i].Key,
                    ChargingProfile = [.. byEvse[i].Select(p => p.Profile)], Tbc = i < byEvse.Count - 1,
                }).ConfigureAwait(false);
        });
        return Reply(new GetChargingProfilesResponse { Status = GetChargingProfileStatusEnumType.Accepted });
    }

    private IncomingCallReply Composite(GetCompositeScheduleRequest request)
    {
        if (request.EvseId < 0 || request.EvseId > evseCount)
            return Reply(new GetCompositeScheduleResponse { Status = GenericStatusEnumType.Rejected, StatusInfo = Info("UnknownEVSE") });
        List<ProfileInForce> profiles;
        lock (_gate) profiles = [.. _profiles.Values];
        var schedule = CompositeSchedule.Compute(profiles, request.EvseId, DateTimeOffset.UtcNow, request.Duration,
            request.ChargingRateUnit ?? ChargingRateUnitEnumType.W, new CompositeContext(hooks.OpenTransactions(), []));
        return Reply(new GetCompositeScheduleResponse { Status = GenericStatusEnumType.Accepted, Schedule = schedule });
    }

    private static StatusInfoType Info(string reason) => new() { ReasonCode = reason };

    private static IncomingCallReply Reply(object response) => OcppPayloadCodec.Encode(response);

    public override string ToString() => $"{stationId}: {ProfileCount} profile(s)";
}
