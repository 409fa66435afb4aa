using System.Collections.Immutable;
using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Chargers;

/// <summary>A fact the charger entity journals; <see cref="ChargerState.Apply"/> folds it into the state.</summary>
public interface IChargerEvent : IV2gSerializable;

public enum RegistrationStatus
{
    Accepted,
    Pending,
    Rejected,
}

public sealed record ChargingStationInfo(string Model, string VendorName, string? SerialNumber, string? FirmwareVersion);

/// <summary>A BootNotification was answered with <paramref name="Status"/>.</summary>
public sealed record ChargerBooted(
    DateTimeOffset At,
    ChargingStationInfo Station,
    string Reason,
    RegistrationStatus Status,
    int HeartbeatIntervalSeconds) : IChargerEvent;

public sealed record ConnectorStatusChanged(DateTimeOffset At, int EvseId, int ConnectorId, string Status) : IChargerEvent;

/// <summary>
/// One sampled value in the base unit of <paramref name="Unit"/> (the OCPP multiplier already applied); decimal because OCPP
/// sends decimal numbers and energy registers must not pick up binary rounding. The measurand defaults to
/// Energy.Active.Import.Register as in OCPP.
/// </summary>
public sealed record MeterSample(
    DateTimeOffset Timestamp,
    string Measurand,
    decimal Value,
    string? Unit,
    string? Phase,
    string? Location,
    string? Context);

/// <summary>A TransactionEvent (Started/Updated/Ended) identified by (TransactionId, SeqNo).</summary>
public sealed record TransactionEventRecorded(
    string TransactionId,
    int SeqNo,
    string EventType,
    DateTimeOffset Timestamp,
    string TriggerReason,
    int? EvseId,
    int? ConnectorId,
    string? IdToken,
    string? ChargingState,
    string? StoppedReason,
    ImmutableArray<MeterSample> MeterValues) : IChargerEvent;

public sealed record MeterValuesRecorded(int EvseId, ImmutableArray<MeterSample> Samples) : IChargerEvent;

public sealed record ReportedEvent(
    int EventId,
    DateTimeOffset Timestamp,
    string Trigger,
    string Component,
    string Variable,
    string ActualValue,
    string? TechInfo);

/// <summary>NotifyEvent: monitored variables that changed or crossed thresholds.</summary>
public sealed record ChargerEventsNotified(DateTimeOffset GeneratedAt, int SeqNo, ImmutableArray<ReportedEvent> Events) : IChargerEvent;

public sealed record SecurityEventReceived(string Type, DateTimeOffset Timestamp, string? TechInfo) : IChargerEvent;

/// <summary>One attribute of one variable of the device model, as reported by NotifyReport.</summary>
public sealed record DeviceVariable(
    string Component,
    string? ComponentInstance,
    int? EvseId,
    int? ConnectorId,
    string Variable,
    string? VariableInstance,
    string AttributeType,
    string? Value,
    string? Mutability);

/// <summary>A NotifyReport part with tbc=true: journaled so an acknowledged part survives a crash.</summary>
public sealed record DeviceModelPartReceived(int RequestId, int SeqNo, ImmutableArray<DeviceVariable> Variables) : IChargerEvent;

/// <summary>
/// The last NotifyReport part (tbc=false) arrived: <paramref name="Variables"/> holds every part of the report, so
/// this event alone replaces the device model (older parts are not needed to recover).
/// </summary>
public sealed record DeviceModelReported(int RequestId, DateTimeOffset GeneratedAt, ImmutableArray<DeviceVariable> Variables)
    : IChargerEvent;
