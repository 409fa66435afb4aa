using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Ocpp.Transport.Client;
using V2gActors.Simulators.Chargers.Der;

namespace V2gActors.Simulators.Chargers;

/// <summary>
/// The charger side of OCPP 2.1 DER control, aFRR and priority charging: a DER control store answering
/// Set/Get/ClearDERControl (GetDERControl reported by ReportDERControl), alarms and start/stop notifications sent on
/// demand, aFRR signals and allowed energy transfer modes recorded, priority charging switched per transaction.
/// </summary>
public sealed partial class SimulatedCharger
{
    private readonly List<AFRRSignalRequest> _afrrSignals = [];
    private readonly Dictionary<string, IReadOnlyList<EnergyTransferModeEnumType>> _allowedEnergyTransfer = [];
    private readonly HashSet<string> _priorityCharging = [];

    public SimulatedDerStore Der { get; } = new();

    /// <summary>aFRR signals received, in order.</summary>
    public IReadOnlyList<AFRRSignalRequest> AfrrSignals { get { lock (_afrrSignals) return [.. _afrrSignals]; } }

    /// <summary>The energy transfer modes the CSMS last allowed for a transaction (null if it never said).</summary>
    public IReadOnlyList<EnergyTransferModeEnumType>? AllowedEnergyTransfer(string transactionId)
    {
        lock (_allowedEnergyTransfer) return _allowedEnergyTransfer.GetValueOrDefault(transactionId);
    }

    public bool PriorityChargingActive(string transactionId)
    {
        lock (_priorityCharging) return _priorityCharging.Contains(transactionId);
    }

    /// <summary>Sends NotifyDERAlarm (a grid event fault started, or ended when <paramref name="ended"/>).</summary>
    public Task<bool> RaiseDerAlarmAsync(DERControlEnumType controlType, GridEventFaultEnumType fault, bool ended = false, string? extraInfo = null) =>
        SucceedsAsync<NotifyDERAlarmResponse>("NotifyDERAlarm", new NotifyDERAlarmRequest
        {
            ControlType = controlType, GridEventFault = fault, AlarmEnded = ended ? true : null, Timestamp = DateTimeOffset.UtcNow,
            ExtraInfo = extraInfo,
        });

    /// <summary>Sends NotifyDERStartStop for a control this station holds.</summary>
    public Task<bool> NotifyDerStartStopAsync(string controlId, bool started, IReadOnlyList<string>? supersededIds = null) =>
        SucceedsAsync<NotifyDERStartStopResponse>("NotifyDERStartStop", new NotifyDERStartStopRequest
        {
            ControlId = controlId, Started = started, Timestamp = DateTimeOffset.UtcNow, SupersededIds = supersededIds,
        });

    private async Task<bool> SucceedsAsync<TResponse>(string action, object request) where TResponse : class =>
        await SendAsync<TResponse>(action, request).ConfigureAwait(false) is not null;

    /// <summary>The DER/aFRR/priority CALLs from the CSMS; null for any other action.</summary>
    private IncomingCallReply? HandleGridServiceCall(object request) => request switch
    {
        SetDERControlRequest r => Reply(Der.Set(r)),
        ClearDERControlRequest r => Reply(Der.Clear(r)),
        GetDERControlRequest r => ReportDerControls(r),
        AFRRSignalRequest r => ReceiveAfrr(r),
        NotifyAllowedEnergyTransferRequest r => AllowEnergyTransfer(r),
        UsePriorityChargingRequest r => UsePriorityCharging(r),
        _ => null,
    };

    /// <summary>Accept first, report after (the ReportDERControl CALL must follow the GetDERControl CALLRESULT).</summary>
    private IncomingCallReply ReportDerControls(GetDERControlRequest request)
    {
        if (Der.Report(request) is not { } report)
            return Reply(new GetDERControlResponse { Status = DERControlStatusEnumType.NotFound });
        _ = Task.Run(async () =>
        {
            await Task.Delay(20).ConfigureAwait(false);
            await CallAsync<ReportDERControlResponse>(_connection!, "ReportDERControl", report).ConfigureAwait(false);
        });
        return Reply(new GetDERControlResponse { Status = DERControlStatusEnumType.Accepted });
    }

    private IncomingCallReply ReceiveAfrr(AFRRSignalRequest request)
    {
        lock (_afrrSignals) _afrrSignals.Add(request);
        return Reply(new AFRRSignalResponse { Status = GenericStatusEnumType.Accepted });
    }

    private IncomingCallReply AllowEnergyTransfer(NotifyAllowedEnergyTransferRequest request)
    {
        if (!_evses.Any(e => e.TransactionId == request.TransactionId))
            return Reply(new NotifyAllowedEnergyTransferResponse
            {
                Status = NotifyAllowedEnergyTransferStatusEnumType.Rejected, StatusInfo = new StatusInfoType { ReasonCode = "UnknownTransaction" },
            });
        lock (_allowedEnergyTransfer) _allowedEnergyTransfer[request.TransactionId] = request.AllowedEnergyTransfer;
        return Reply(new NotifyAllowedEnergyTransferResponse { Status = NotifyAllowedEnergyTransferStatusEnumType.Accepted });
    }

    /// <summary>Switches priority charging of a running transaction and confirms it with NotifyPriorityCharging.</summary>
    private IncomingCallReply UsePriorityCharging(UsePriorityChargingRequest request)
    {
        if (!_evses.Any(e => e.TransactionId == request.TransactionId))
            return Reply(new UsePriorityChargingResponse { Status = PriorityChargingStatusEnumType.Rejected });
        lock (_priorityCharging)
        {
            if (request.Activate) _priorityCharging.Add(request.TransactionId); else _priorityCharging.Remove(request.TransactionId);
        }
        _ = Task.Run(async () =>
        {
            await Task.Delay(20).ConfigureAwait(false);
            await CallAsync<NotifyPriorityChargingResponse>(_connection!, "NotifyPriorityCharging",
                new NotifyPriorityChargingRequest { TransactionId = request.TransactionId, Activated = request.Activate }).ConfigureAwait(false);
        });
        return Reply(new UsePriorityChargingResponse { Status = PriorityChargingStatusEnumType.Accepted });
    }
}
