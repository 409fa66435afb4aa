using System.Collections.Immutable;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Engine.Chargers.Certificates;
using V2gActors.Engine.Chargers.Der;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// What to do with one decoded charger→CSMS CALL: journal <see cref="Events"/> (possibly none), then answer with
/// <see cref="Response"/> or, when <see cref="Error"/> is set, with a CALLERROR.
/// </summary>
public sealed record ChargerCallDecision(object? Response, OcppError? Error, ImmutableArray<IChargerEvent> Events)
{
    /// <summary>Set when the call is answered by the station's dispatch entity instead (<see cref="Stations.StationCallRouting"/>).</summary>
    public Stations.DispatchRoute? Dispatch { get; init; }

    public static ChargerCallDecision Reply(object response) => new(response, null, []);

    public static ChargerCallDecision PersistThenReply(object response, params IChargerEvent[] events) =>
        new(response, null, [.. events]);

    public static ChargerCallDecision Fail(OcppErrorCode code, string description) => new(null, new OcppError(code, description), []);

    /// <summary>CSMS→charger CALLs to send once the answer is out (SignCertificate is followed by CertificateSigned).</summary>
    public ImmutableArray<OutgoingCall> Then { get; init; } = [];
}

/// <summary>A CSMS→charger CALL a decision asks for; its outcome goes to the entity's log.</summary>
public sealed record OutgoingCall(string Action, string PayloadJson);

/// <summary>
/// The CSMS side of the charger→CSMS use cases (OCPP 2.x B01–B03, C01, E01–E15, G01, J01, N07, A04, B07).
/// Pure: state, decoded request, policy and clock in; decision out. The actor persists and replies.
/// </summary>
public static class ChargerCallHandler
{
    /// <summary>What a Pending station may still send (B02: the CSMS may be pulling its configuration meanwhile).</summary>
    private static readonly ImmutableHashSet<Type> AllowedWhilePending =
    [
        typeof(BootNotificationRequest), typeof(HeartbeatRequest), typeof(NotifyReportRequest),
        typeof(StatusNotificationRequest), typeof(NotifyEventRequest), typeof(SecurityEventNotificationRequest),
    ];

    public static ChargerCallDecision Handle(
        string stationId, string action, ChargerState state, object request, ChargerSettings settings, DateTimeOffset now)
    {
        // A Rejected station must only try to boot again; a Pending one may only send what the CSMS needs to decide.
        // A station never seen booting is served: after a CSMS data loss it should not be locked out until it reboots.
        if (request is not BootNotificationRequest &&
            (state.Registration == RegistrationStatus.Rejected ||
             (state.Registration == RegistrationStatus.Pending && !AllowedWhilePending.Contains(request.GetType()))))
        {
            return ChargerCallDecision.Fail(OcppErrorCode.SecurityError,
                $"{action} refused: the station's registration is {state.Registration}; send BootNotification first.");
        }

        return request switch
        {
            _ when CertificateCallHandler.Handle(request, settings, now) is { } certificate => certificate,
            BootNotificationRequest boot => Boot(stationId, boot, settings.Registration, now),
            HeartbeatRequest => ChargerCallDecision.Reply(new HeartbeatResponse { CurrentTime = now }),
            StatusNotificationRequest status => ChargerCallDecision.PersistThenReply(
                new StatusNotificationResponse(),
                new ConnectorStatusChanged(status.Timestamp, status.EvseId, status.ConnectorId, OcppText.Of(status.ConnectorStatus))),
            AuthorizeRequest authorize => ChargerCallDecision.Reply(
                new AuthorizeResponse { IdTokenInfo = TokenInfo(authorize.IdToken, settings.Authorization) }),
            TransactionEventRequest transaction => Transaction(state, transaction, settings.Authorization),
            MeterValuesRequest meter => ChargerCallDecision.PersistThenReply(
                new MeterValuesResponse(), new MeterValuesRecorded(meter.EvseId, Samples(meter.MeterValue))),
            NotifyEventRequest notify => ChargerCallDecision.PersistThenReply(
                new NotifyEventResponse(),
                new ChargerEventsNotified(notify.GeneratedAt, notify.SeqNo, [.. notify.EventData.Select(Reported)])),
            SecurityEventNotificationRequest security => ChargerCallDecision.PersistThenReply(
                new SecurityEventNotificationResponse(),
                new SecurityEventReceived(security.Type, security.Timestamp, security.TechInfo)),
            NotifyReportRequest report => Report(state, report),
            PullDynamicScheduleUpdateRequest pull => SmartChargingCalls.Pull(state.Profiles, pull),
            ReportChargingProfilesRequest profiles => SmartChargingCalls.Report(profiles),
            NotifyEVChargingNeedsRequest or NotifyEVChargingScheduleRequest => Stations.StationCallRouting.Route(state, request),
            _ when DerCallHandler.Handle(request, now) is { } der => der,
            // Known to the codec (it decoded), but no use case here yet: NotSupported, never a crash.
            _ => ChargerCallDecision.Fail(OcppErrorCode.NotSupported, $"{action} is not supported by this CSMS."),
        };
    }

    private static ChargerCallDecision Boot(string stationId, BootNotificationRequest boot, RegistrationPolicy policy, DateTimeOffset now)
    {
        var (status, interval) = policy.DecideBoot(stationId, now);
        var station = boot.ChargingStation;
        var response = new BootNotificationResponse
        {
            CurrentTime = now,
            Interval = interval,
            Status = status switch
            {
                RegistrationStatus.Accepted => RegistrationStatusEnumType.Accepted,
                RegistrationStatus.Pending => RegistrationStatusEnumType.Pending,
                _ => RegistrationStatusEnumType.Rejected,
            },
        };
        return ChargerCallDecision.PersistThenReply(response, new ChargerBooted(
            now,
            new ChargingStationInfo(station.Model, station.VendorName, station.SerialNumber, station.FirmwareVersion),
            OcppText.Of(boot.Reason),
            status,
            interval));
    }

    private static IdTokenInfoType TokenInfo(IdTokenType token, AuthorizationPolicy policy) => new()
    {
        Status = policy.IsAccepted(token.IdToken) ? AuthorizationStatusEnumType.Accepted : AuthorizationStatusEnumType.Invalid,
    };

    private static ChargerCallDecision Transaction(ChargerState state, TransactionEventRequest request, AuthorizationPolicy policy)
    {
        var info = request.TransactionInfo;
        // The same response for the original and for a retry: the charger resends until it gets one (E13).
        var response = new TransactionEventResponse
        {
            IdTokenInfo = request.IdToken is { } token ? TokenInfo(token, policy) : null,
        };
        if (state.HasSeen(info.TransactionId, request.SeqNo)) return ChargerCallDecision.Reply(response);

        return ChargerCallDecision.PersistThenReply(response, new TransactionEventRecorded(
            info.TransactionId,
            request.SeqNo,
            OcppText.Of(request.EventType),
            request.Timestamp,
            OcppText.Of(request.TriggerReason),
            request.Evse?.Id,
            request.Evse?.ConnectorId,
            request.IdToken?.IdToken,
            OcppText.Of(info.ChargingState),
            OcppText.Of(info.StoppedReason),
            request.MeterValue is { } meter ? Samples(meter) : []));
    }

    private static ChargerCallDecision Report(ChargerState state, NotifyReportRequest report)
    {
        ImmutableArray<DeviceVariable> variables = [.. (report.ReportData ?? []).SelectMany(Variables)];
        if (report.Tbc == true)
            return ChargerCallDecision.PersistThenReply(new NotifyReportResponse(),
                new DeviceModelPartReceived(report.RequestId, report.SeqNo, variables));

        var earlier = state.PendingReports.TryGetValue(report.RequestId, out var parts) ? parts : [];
        return ChargerCallDecision.PersistThenReply(new NotifyReportResponse(),
            new DeviceModelReported(report.RequestId, report.GeneratedAt, earlier.AddRange(variables)));
    }

    private static IEnumerable<DeviceVariable> Variables(ReportDataType data) =>
        data.VariableAttribute.Select(attribute => new DeviceVariable(
            data.Component.Name,
            data.Component.Instance,
            data.Component.Evse?.Id,
            data.Component.Evse?.ConnectorId,
            data.Variable.Name,
            data.Variable.Instance,
            OcppText.Of(attribute.Type) ?? "Actual",
            attribute.Value,
            OcppText.Of(attribute.Mutability)));

    private static ReportedEvent Reported(EventDataType e) => new(
        e.EventId, e.Timestamp, OcppText.Of(e.Trigger), e.Component.Name, e.Variable.Name, e.ActualValue, e.TechInfo);

    /// <summary>Flattens meter values; the unit multiplier is applied so stored values are in the base unit (Wh, W, A).</summary>
    internal static ImmutableArray<MeterSample> Samples(IReadOnlyList<MeterValueType> meterValues) =>
    [
        .. meterValues.SelectMany(mv => mv.SampledValue.Select(sv => new MeterSample(
            mv.Timestamp,
            OcppText.Of(sv.Measurand) ?? MeterMeasurands.EnergyActiveImportRegister,
            Scale(sv.Value, sv.UnitOfMeasure?.Multiplier ?? 0),
            sv.UnitOfMeasure?.Unit ?? DefaultUnit(OcppText.Of(sv.Measurand)),
            OcppText.Of(sv.Phase),
            OcppText.Of(sv.Location),
            OcppText.Of(sv.Context)))),
    ];

    private static decimal Scale(decimal value, int multiplier)
    {
        // Decimal arithmetic keeps 1.5 kWh-with-multiplier-3 exactly 1500; the schema bounds the multiplier.
        for (; multiplier > 0; multiplier--) value *= 10;
        for (; multiplier < 0; multiplier++) value /= 10;
        return value;
    }

    private static string? DefaultUnit(string? measurand) =>
        measurand is null || measurand.StartsWith("Energy.", StringComparison.Ordinal) ? "Wh"
        : measurand.StartsWith("Power.", StringComparison.Ordinal) ? "W"
        : null;
}

public static class MeterMeasurands
{
    public const string EnergyActiveImportRegister = "Energy.Active.Import.Register";
    public const string PowerActiveImport = "Power.Active.Import";
    public const string PowerActiveExport = "Power.Active.Export";
}
