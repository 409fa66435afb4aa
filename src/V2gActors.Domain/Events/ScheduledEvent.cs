namespace V2gActors.Domain.Events;

/// <summary>
/// A control event as the arbiter sees it: identity, where it came from, when it runs and which modes it governs.
/// Times are server epoch seconds. The mode values themselves stay with the protocol layer: arbitration only
/// decides which event governs each mode, so it never needs to understand a setpoint.
/// </summary>
public sealed record ScheduledEvent(
    string Mrid,
    string ProgramId,
    byte Primacy,
    long CreationTime,
    long Start,
    uint Duration,
    IReadOnlySet<DerControlMode> Modes,
    short RandomizeStart = 0,
    short RandomizeDuration = 0,
    ServerEventStatus ServerStatus = ServerEventStatus.Scheduled);

/// <summary>A program the device is assigned, with the modes its DefaultDERControl sets (used when no event governs them).</summary>
public sealed record ProgramDefaults(string ProgramId, byte Primacy, IReadOnlySet<DerControlMode> DefaultModes);

/// <summary>Everything known to one device at one evaluation.</summary>
public sealed record DeviceSchedule(
    string DeviceId,
    IReadOnlyList<ProgramDefaults> Programs,
    IReadOnlyList<ScheduledEvent> Events);
