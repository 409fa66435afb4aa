using System.Collections.Immutable;
using V2gActors.Engine.Chargers.Admission;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// Decides how a BootNotification is answered. Deny wins over allow; a non-empty allow list admits only the listed
/// stations (others are Rejected); everyone else gets <see cref="DefaultStatus"/>.
/// </summary>
public sealed record RegistrationPolicy(
    RegistrationStatus DefaultStatus,
    ImmutableHashSet<string> Allow,
    ImmutableHashSet<string> Deny,
    int HeartbeatIntervalSeconds,
    int PendingRetryIntervalSeconds)
{
    public static RegistrationPolicy AcceptAll { get; } = new(
        RegistrationStatus.Accepted, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, 300, 30);

    /// <summary>
    /// The node's boot-storm gate: a station the policy would accept is answered Pending with a booked retry interval
    /// while more stations boot than the node admits per second. Shared by every entity on the node.
    /// </summary>
    public BootAdmission Admission { get; init; } = BootAdmission.None;

    public RegistrationStatus Decide(string stationId) =>
        Deny.Contains(stationId) ? RegistrationStatus.Rejected
        : Allow.Count > 0 && !Allow.Contains(stationId) ? RegistrationStatus.Rejected
        : Allow.Contains(stationId) ? RegistrationStatus.Accepted
        : DefaultStatus;

    /// <summary>OCPP: when not Accepted, interval is the minimum wait before the station boots again.</summary>
    public int IntervalFor(RegistrationStatus status) =>
        status == RegistrationStatus.Accepted ? HeartbeatIntervalSeconds : PendingRetryIntervalSeconds;

    /// <summary>Status and interval for a booting station, the admission gate included.</summary>
    public (RegistrationStatus Status, int Interval) DecideBoot(string stationId, DateTimeOffset now)
    {
        var status = Decide(stationId);
        if (status == RegistrationStatus.Accepted && Admission.Decide(stationId, now) is { Admitted: false } wait)
            return (RegistrationStatus.Pending, Math.Max(1, (int)wait.RetryAfter.TotalSeconds));
        return (status, IntervalFor(status));
    }
}

/// <summary>Decides Authorize and the idTokenInfo of TransactionEvent: everyone is accepted unless denied.</summary>
public sealed record AuthorizationPolicy(ImmutableHashSet<string> DeniedIdTokens)
{
    public static AuthorizationPolicy AcceptAll { get; } = new(ImmutableHashSet<string>.Empty);

    public bool IsAccepted(string idToken) => !DeniedIdTokens.Contains(idToken);
}

/// <summary>Per-entity settings, immutable so that they can be captured by <c>Props</c>.</summary>
public sealed record ChargerSettings(
    RegistrationPolicy Registration,
    AuthorizationPolicy Authorization,
    int SnapshotEvery,
    TimeSpan PassivateAfterDisconnected,
    bool PullDeviceModelOnBoot,
    SmartCharging.SetpointPacing? SetpointPacing = null)
{
    /// <summary>CSR signing and the local OCSP responder (Certificates/); null: certificate messages are NotSupported.</summary>
    public global::V2gActors.Engine.Chargers.Certificates.CsmsCertificateAuthority? Certificates { get; init; }

    public static ChargerSettings Default { get; } = new(
        RegistrationPolicy.AcceptAll, AuthorizationPolicy.AcceptAll, SnapshotEvery: 100,
        PassivateAfterDisconnected: TimeSpan.FromMinutes(5), PullDeviceModelOnBoot: true);
}
