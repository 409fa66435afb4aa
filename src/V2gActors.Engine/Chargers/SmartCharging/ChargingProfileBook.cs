using System.Collections.Immutable;
using System.Text;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>
/// The charging profiles the CSMS believes installed on one station (the entity's record of accepted
/// SetChargingProfile / ClearChargingProfile / UpdateDynamicSchedule). Pure and immutable; part of the snapshot.
/// </summary>
public sealed record ChargingProfileBook(ImmutableSortedDictionary<int, InstalledChargingProfile> Profiles)
{
    public static ChargingProfileBook Empty { get; } = new(ImmutableSortedDictionary<int, InstalledChargingProfile>.Empty);

    public InstalledChargingProfile? Find(int profileId) => Profiles.GetValueOrDefault(profileId);

    public ChargingProfileBook Apply(IChargingProfileEvent e) => e switch
    {
        ChargingProfileInstalled installed => new(Profiles.SetItem(installed.Profile.ProfileId, installed.Profile)),
        ChargingProfilesCleared cleared => new(Profiles.RemoveRange(cleared.ProfileIds)),
        DynamicScheduleUpdated updated when Profiles.TryGetValue(updated.ProfileId, out var profile) => new(Profiles.SetItem(
            updated.ProfileId, profile with { DynamicUpdateJson = updated.UpdateJson, DynamicUpdatedAt = updated.At })),
        DynamicScheduleUpdated => this, // cleared meanwhile: nothing to update
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown charging-profile event"),
    };

    /// <summary>A TxProfile lives as long as its transaction (K01): the station discards it when the transaction ends.</summary>
    public ChargingProfileBook AfterTransactionEvent(TransactionEventRecorded e)
    {
        if (e.EventType != TransactionEventTypes.Ended) return this;
        var ended = Profiles.Values.Where(p => p.TransactionId == e.TransactionId).Select(p => p.ProfileId).ToList();
        return ended.Count == 0 ? this : new(Profiles.RemoveRange(ended));
    }

    /// <summary>The ids a ClearChargingProfile would remove (K10: by id, or by evse/purpose/stackLevel criteria; none = all).</summary>
    public ImmutableArray<int> Matching(ClearChargingProfileRequest request)
    {
        if (request.ChargingProfileId is { } id) return Profiles.ContainsKey(id) ? [id] : [];
        var criteria = request.ChargingProfileCriteria;
        return [.. Profiles.Values
            .Where(p => criteria?.EvseId is not { } evse || p.EvseId == evse)
            .Where(p => criteria?.ChargingProfilePurpose is not { } purpose || p.Purpose == OcppText.Of(purpose))
            .Where(p => criteria?.StackLevel is not { } level || p.StackLevel == level)
            .Select(p => p.ProfileId)];
    }

    /// <summary>The profiles a GetChargingProfiles asks for (K09 criteria; evseId 0 = station-wide ones only).</summary>
    public IEnumerable<InstalledChargingProfile> Matching(int? evseId, ChargingProfileCriterionType criteria) => Profiles.Values
        .Where(p => evseId is not { } evse || p.EvseId == evse)
        .Where(p => criteria.ChargingProfilePurpose is not { } purpose || p.Purpose == OcppText.Of(purpose))
        .Where(p => criteria.StackLevel is not { } level || p.StackLevel == level)
        .Where(p => criteria.ChargingProfileId is not { Count: > 0 } ids || ids.Contains(p.ProfileId));

    /// <summary>The record journaled when a SetChargingProfile is accepted.</summary>
    public static InstalledChargingProfile Record(SetChargingProfileRequest request, DateTimeOffset at)
    {
        var profile = request.ChargingProfile;
        var mode = profile.ChargingSchedule.SelectMany(s => s.ChargingSchedulePeriod).Select(p => p.OperationMode)
            .FirstOrDefault(m => m is not null);
        return new InstalledChargingProfile(request.EvseId, profile.Id, profile.StackLevel, OcppText.Of(profile.ChargingProfilePurpose),
            OcppText.Of(profile.ChargingProfileKind), mode is { } m ? OcppText.Of(m) : null, at, Json(profile), profile.TransactionId);
    }

    public static ChargingProfileType Parse(InstalledChargingProfile installed) =>
        OcppPayloadCodec.Decode<ChargingProfileType>(Encoding.UTF8.GetBytes(installed.ProfileJson));

    public static ChargingScheduleUpdateType? ParseUpdate(InstalledChargingProfile installed) => installed.DynamicUpdateJson is { } json
        ? OcppPayloadCodec.Decode<ChargingScheduleUpdateType>(Encoding.UTF8.GetBytes(json)) : null;

    public static string Json<T>(T value) => Encoding.UTF8.GetString(OcppPayloadCodec.Encode(value));
}
