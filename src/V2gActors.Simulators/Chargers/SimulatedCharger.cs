using System.Collections.Immutable;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport.Client;

namespace V2gActors.Simulators.Chargers;

/// <summary>
/// One simulated OCPP 2.1/2.0.1 charging station over a real WebSocket: boots (retrying while Pending/Rejected),
/// reports connector status, heartbeats, runs transactions with meter values, reconnects with backoff, and answers
/// the CSMS's commands (device model, reset, availability, triggers, remote start/stop, smart charging and V2X through
/// <see cref="SimulatedSmartCharging"/>).
/// </summary>
public sealed partial class SimulatedCharger : IAsyncDisposable
{
    private readonly ChargerSimulatorOptions _options;
    private readonly ChargerSimulatorStats _stats;
    private readonly ILogger _logger;
    private readonly SimulatedEvse[] _evses;
    private readonly SemaphoreSlim _evseGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _commands = [];
    private readonly List<ReceivedSetpoint> _setpoints = [];
    private readonly SimulatedSmartCharging _smartCharging;
    private OcppClientConnection? _connection;
    private BootReasonEnumType _bootReason = BootReasonEnumType.PowerUp;
    private string? _password;
    private int _transactionCounter;
    private Task? _run;

    public SimulatedCharger(string stationId, ChargerSimulatorOptions options, ChargerSimulatorStats? stats = null, ILogger? logger = null)
    {
        StationId = stationId;
        _options = options;
        _stats = stats ?? new ChargerSimulatorStats();
        _logger = logger ?? NullLogger.Instance;
        _password = options.Password;
        DeviceModel = new SimulatedDeviceModel(options, stationId);
        _evses = Enumerable.Range(1, options.EvseCount).Select(id => new SimulatedEvse(id)).ToArray();
        _smartCharging = new SimulatedSmartCharging(stationId, options.EvseCount, options, new SimulatedEvseHooks(Follow,
            evseId => _evses[evseId - 1].SetpointW = null,
            () => _evses.Where(e => e.TransactionId is not null).ToImmutableDictionary(e => e.TransactionId!, e => e.StartedAt)));
    }

    public string StationId { get; }

    public SimulatedDeviceModel DeviceModel { get; }

    /// <summary>Edition negotiated on the current connection (null before the first connect).</summary>
    public OcppVersion? Version => _connection?.Version;

    public RegistrationStatusEnumType? RegistrationStatus { get; private set; }

    public bool IsConnected => _connection?.IsOpen == true;

    /// <summary>Actions of the CSMS commands received so far, in order.</summary>
    public IReadOnlyList<string> CommandsReceived { get { lock (_commands) return [.. _commands]; } }

    public double EnergyWh(int evseId) => _evses[evseId - 1].EnergyWh;

    /// <summary>Every setpoint a SetChargingProfile / UpdateDynamicSchedule carried, in arrival order, with its arrival time.</summary>
    public IReadOnlyList<ReceivedSetpoint> SetpointsReceived { get { lock (_setpoints) return [.. _setpoints]; } }

    /// <summary>
    /// Power the meter of <paramref name="evseId"/> reports: the last accepted setpoint, else <see cref="ChargerSimulatorOptions.PowerW"/>.
    /// </summary>
    public double PowerW(int evseId) => _evses[evseId - 1].SetpointW ?? _options.PowerW;

    public string? ActiveTransactionId(int evseId) => _evses[evseId - 1].TransactionId;

    /// <summary>The CSMS's answer to the last NotifyEVChargingNeeds (null before any, or when the call failed).</summary>
    public NotifyEVChargingNeedsResponse? LastNeedsResponse { get; private set; }

    /// <summary>Starts the connect/boot/operate loop in the background.</summary>
    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Sends any CALL on the current connection (tests use it to send hand-made or malformed payloads).</summary>
    public Task<CallOutcome> CallAsync(string action, ReadOnlyMemory<byte> payload) =>
        _connection is { } connection
            ? connection.CallAsync(action, payload, _options.CallTimeout)
            : Task.FromResult<CallOutcome>(new CallAborted("not connected"));

    /// <summary>Sends a frame as is, bypassing the one-outstanding-CALL tracker (raw tests).</summary>
    public ValueTask SendRawAsync(OcppFrame frame) =>
        _connection?.SendAsync(frame) ?? ValueTask.CompletedTask;

    /// <summary>Plugs an EV in on <paramref name="evseId"/> and starts a transaction now (unless one runs).</summary>
    public Task StartTransactionAsync(int evseId = 1, int? remoteStartId = null) =>
        WithEvseAsync(evseId, evse => StartTransactionLockedAsync(evse, remoteStartId is null
            ? TriggerReasonEnumType.CablePluggedIn : TriggerReasonEnumType.RemoteStart, remoteStartId, _stop.Token));

    public Task StopTransactionAsync(int evseId = 1, ReasonEnumType reason = ReasonEnumType.EVDisconnected) =>
        WithEvseAsync(evseId, evse => EndTransactionLockedAsync(evse, reason == ReasonEnumType.Remote
            ? TriggerReasonEnumType.RemoteStop : TriggerReasonEnumType.EVDeparted, reason, _stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_connection is { } connection) await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "simulator stopped").ConfigureAwait(false);
        if (_run is not null) await _run.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = _options.ReconnectDelay;
        Uri[] endpoints = [_options.CsmsUri, .. _options.FailoverCsmsUris];
        var endpoint = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                _connection = await OcppClientConnection.ConnectAsync(endpoints[endpoint], StationId, _password,
                    _options.Subprotocols, new OcppClientCallbacks(OnCall: OnCsmsCallAsync),
                    new OcppClientOptions { ClientCertificate = _options.ClientCertificate, TrustedCsmsRoot = _options.TrustedCsmsRoot },
                    logger: _logger,
                    cancellationToken: stop).ConfigureAwait(false);
                _stats.OnConnected();
                delay = _options.ReconnectDelay;
                try
                {
                    await OperateAsync(_connection, stop).ConfigureAwait(false);
                }
                finally
                {
                    _stats.OnDisconnected();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is OcppConnectException or WebSocketException or HttpRequestException or IOException)
            {
                _logger.LogDebug("{Station}: connect failed: {Reason}", StationId, ex.Message);
                endpoint = (endpoint + 1) % endpoints.Length;
            }
            if (stop.IsCancellationRequested) return;
            // Exponential backoff with jitter: a reconnect storm of thousands of stations must not arrive in lockstep.
            var jittered = delay * (0.5 + Random.Shared.NextDouble());
            try { await Task.Delay(jittered, stop).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>One connection's life: boot until accepted, then heartbeats and transactions until the socket closes.</summary>
    private async Task OperateAsync(OcppClientConnection connection, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var closed = connection.Completion;
        var heartbeat = await BootAsync(connection, session.Token).ConfigureAwait(false);
        if (heartbeat is null) return; // connection lost while booting
        _stats.OnBooted();
        _bootReason = BootReasonEnumType.PowerUp;

        foreach (var evse in _evses)
            await SendStatusAsync(evse.Id, evse.TransactionId is null ? ConnectorStatusEnumType.Available : ConnectorStatusEnumType.Occupied,
                session.Token).ConfigureAwait(false);

        var loops = new List<Task> { HeartbeatLoopAsync(heartbeat.Value, session.Token) };
        loops.AddRange(_evses.Select(evse => TransactionLoopAsync(evse, session.Token)));
        loops.Add(_smartCharging.PullLoopAsync(
            r => CallAsync<PullDynamicScheduleUpdateResponse>(connection, "PullDynamicScheduleUpdate", r), session.Token));
        await closed.ConfigureAwait(false);
        await session.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(loops).ConfigureAwait(false); } catch (OperationCanceledException) { }
    }

    private async Task<TimeSpan?> BootAsync(OcppClientConnection connection, CancellationToken token)
    {
        while (!token.IsCancellationRequested && connection.IsOpen)
        {
            var outcome = await CallAsync<BootNotificationResponse>(connection, "BootNotification", new BootNotificationRequest
            {
                Reason = _bootReason,
                ChargingStation = new ChargingStationType
                {
                    Model = _options.Model, VendorName = _options.VendorName, SerialNumber = StationId, FirmwareVersion = "1.0.0",
                },
            }).ConfigureAwait(false);
            if (outcome is null) { await Task.Delay(_options.ReconnectDelay, token).ConfigureAwait(false); continue; }
            RegistrationStatus = outcome.Status;
            var interval = TimeSpan.FromSeconds(Math.Max(1, outcome.Interval));
            if (outcome.Status == RegistrationStatusEnumType.Accepted)
                return _options.HeartbeatOverride is { } o && o < interval ? o : interval;
            // Pending/Rejected: the interval is the minimum wait before the next BootNotification.
            _stats.OnBootRetry();
            await Task.Delay(interval, token).ConfigureAwait(false);
        }
        return null;
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            await CallAsync<HeartbeatResponse>(_connection!, "Heartbeat", new HeartbeatRequest()).ConfigureAwait(false);
    }

    /// <summary>Automatic EV sessions: plug in after a pause, charge with periodic meter values, leave, repeat.</summary>
    private async Task TransactionLoopAsync(SimulatedEvse evse, CancellationToken token)
    {
        if (_options.PlugInAfter is not { } pause) { await MeterLoopOnlyAsync(evse, token).ConfigureAwait(false); return; }
        await Task.Delay(Jitter(pause), token).ConfigureAwait(false);
        while (!token.IsCancellationRequested)
        {
            await WithEvseAsync(evse.Id, e => e.TransactionId is null
                ? StartTransactionLockedAsync(e, TriggerReasonEnumType.CablePluggedIn, null, token) : Task.CompletedTask).ConfigureAwait(false);
            var ends = _options.TransactionDuration is { } d ? DateTimeOffset.UtcNow + d : DateTimeOffset.MaxValue;
            using var timer = new PeriodicTimer(_options.MeterInterval);
            while (DateTimeOffset.UtcNow < ends && evse.TransactionId is not null && await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
                await WithEvseAsync(evse.Id, e => e.TransactionId is null ? Task.CompletedTask : SendMeterUpdateLockedAsync(e, token)).ConfigureAwait(false);
            await WithEvseAsync(evse.Id, e => e.TransactionId is null ? Task.CompletedTask
                : EndTransactionLockedAsync(e, TriggerReasonEnumType.EVDeparted, ReasonEnumType.EVDisconnected, token)).ConfigureAwait(false);
            await Task.Delay(Jitter(pause), token).ConfigureAwait(false);
        }
    }

    /// <summary>Without automatic sessions, transactions are started by the CSMS or a test; still meter them.</summary>
    private async Task MeterLoopOnlyAsync(SimulatedEvse evse, CancellationToken token)
    {
        using var timer = new PeriodicTimer(_options.MeterInterval);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            await WithEvseAsync(evse.Id, e => e.TransactionId is null ? Task.CompletedTask : SendMeterUpdateLockedAsync(e, token)).ConfigureAwait(false);
    }

    private async Task StartTransactionLockedAsync(SimulatedEvse evse, TriggerReasonEnumType trigger, int? remoteStartId, CancellationToken token)
    {
        if (evse.TransactionId is not null || _connection is null) return;
        evse.TransactionId = $"{StationId}-{evse.Id}-{Interlocked.Increment(ref _transactionCounter)}-{Guid.NewGuid().ToString("N")[..8]}";
        evse.SeqNo = 0;
        evse.LastMeterAt = evse.StartedAt = DateTimeOffset.UtcNow;
        await SendStatusAsync(evse.Id, ConnectorStatusEnumType.Occupied, token).ConfigureAwait(false);
        await SendTransactionEventAsync(evse, TransactionEventEnumType.Started, trigger, ChargingStateEnumType.EVConnected,
            remoteStartId: remoteStartId, stoppedReason: null).ConfigureAwait(false);
        _stats.OnTransactionStarted();
        if (_options.EvNeeds is { } needs)
            LastNeedsResponse = await CallAsync<NotifyEVChargingNeedsResponse>(_connection!, "NotifyEVChargingNeeds",
                needs.Request(evse.Id, _connection!.Version, DateTimeOffset.UtcNow)).ConfigureAwait(false);
    }

    private async Task SendMeterUpdateLockedAsync(SimulatedEvse evse, CancellationToken token)
    {
        _ = token;
        await SendTransactionEventAsync(evse, TransactionEventEnumType.Updated, TriggerReasonEnumType.MeterValuePeriodic,
            ChargingStateEnumType.Charging, remoteStartId: null, stoppedReason: null).ConfigureAwait(false);
        _stats.OnMeterValues();
    }

    private async Task EndTransactionLockedAsync(SimulatedEvse evse, TriggerReasonEnumType trigger, ReasonEnumType reason, CancellationToken token)
    {
        if (evse.TransactionId is null) return;
        await SendTransactionEventAsync(evse, TransactionEventEnumType.Ended, trigger, ChargingStateEnumType.Idle,
            remoteStartId: null, stoppedReason: reason).ConfigureAwait(false);
        _smartCharging.TransactionEnded(evse.TransactionId);
        evse.TransactionId = null;
        _stats.OnTransactionEnded();
        await SendStatusAsync(evse.Id, ConnectorStatusEnumType.Available, token).ConfigureAwait(false);
    }

    private async Task SendTransactionEventAsync(SimulatedEvse evse, TransactionEventEnumType type, TriggerReasonEnumType trigger,
        ChargingStateEnumType state, int? remoteStartId, ReasonEnumType? stoppedReason)
    {
        var now = DateTimeOffset.UtcNow;
        evse.EnergyWh += Math.Max(0, evse.SetpointW ?? _options.PowerW) * (now - evse.LastMeterAt).TotalHours;
        evse.LastMeterAt = now;
        var request = new TransactionEventRequest
        {
            EventType = type,
            Timestamp = now,
            TriggerReason = trigger,
            SeqNo = evse.SeqNo++,
            TransactionInfo = new TransactionType
            {
                TransactionId = evse.TransactionId!, ChargingState = state, RemoteStartId = remoteStartId, StoppedReason = stoppedReason,
            },
            // The EVSE on every event (optional after Started in OCPP), so each meter sample names where it was measured.
            Evse = type == TransactionEventEnumType.Started ? new EVSEType { Id = evse.Id, ConnectorId = 1 } : new EVSEType { Id = evse.Id },
            IdToken = type == TransactionEventEnumType.Started ? new IdTokenType { IdToken = $"EMP-{StationId}", Type = "Central" } : null,
            MeterValue = [MeterValue(evse, now, type == TransactionEventEnumType.Ended ? ReadingContextEnumType.TransactionEnd
                : type == TransactionEventEnumType.Started ? ReadingContextEnumType.TransactionBegin : ReadingContextEnumType.SamplePeriodic)],
        };
        await CallAsync<TransactionEventResponse>(_connection!, "TransactionEvent", request).ConfigureAwait(false);
    }

    private MeterValueType MeterValue(SimulatedEvse evse, DateTimeOffset at, ReadingContextEnumType context) => new()
    {
        Timestamp = at,
        SampledValue =
        [
            new SampledValueType
            {
                Value = Math.Round((decimal)evse.EnergyWh, 1), Measurand = MeasurandEnumType.EnergyActiveImportRegister, Context = context,
                UnitOfMeasure = new UnitOfMeasureType { Unit = "Wh" },
            },
            // Import and export as two non-negative registers (OCPP convention): net power = import − export.
            new SampledValueType
            {
                Value = Math.Max(0, MeteredPower(evse, context)),
                Measurand = MeasurandEnumType.PowerActiveImport, Context = context, UnitOfMeasure = new UnitOfMeasureType { Unit = "W" },
            },
            new SampledValueType
            {
                Value = Math.Max(0, -MeteredPower(evse, context)),
                Measurand = MeasurandEnumType.PowerActiveExport, Context = context, UnitOfMeasure = new UnitOfMeasureType { Unit = "W" },
            },
        ],
    };

    private decimal MeteredPower(SimulatedEvse evse, ReadingContextEnumType context) =>
        evse.TransactionId is null || context == ReadingContextEnumType.TransactionEnd ? 0 : Math.Round((decimal)(evse.SetpointW ?? _options.PowerW), 1);

    private Task SendStatusAsync(int evseId, ConnectorStatusEnumType status, CancellationToken token)
    {
        _ = token;
        return CallAsync<StatusNotificationResponse>(_connection!, "StatusNotification", new StatusNotificationRequest
        {
            Timestamp = DateTimeOffset.UtcNow, ConnectorStatus = status, EvseId = evseId, ConnectorId = 1,
        });
    }

    /// <summary>Sends a typed CALL; returns the typed response, or null after logging a CALLERROR/timeout/abort.</summary>
    private async Task<TResponse?> CallAsync<TResponse>(OcppClientConnection connection, string action, object request) where TResponse : class
    {
        var outcome = await connection.CallAsync(action, OcppPayloadCodec.Encode(request), _options.CallTimeout).ConfigureAwait(false);
        _stats.OnCall(failed: outcome is not CallSucceeded);
        switch (outcome)
        {
            case CallSucceeded ok:
                _options.OnCsmsFrame?.Invoke(new CsmsFrameObserved(StationId, connection.Version, action, OcppPayloadKind.Response, ok.Payload));
                if (OcppPayloadCodec.TryDecode(connection.Version, action, OcppPayloadKind.Response, ok.Payload.Span, out var payload, out var error))
                    return payload as TResponse;
                // A CALLRESULTERROR would need the CALLRESULT's message id, which the outcome does not carry; the
                // simulator's job here is to surface the CSMS bug loudly, so it logs and counts it.
                _logger.LogWarning("{Station}: invalid {Action} response from CSMS: {Error}", StationId, action, error);
                _stats.OnInvalidResponse();
                return null;
            case CallFailed failed:
                _logger.LogWarning("{Station}: {Action} refused: {Code} {Description}", StationId, action, failed.ErrorCode, failed.ErrorDescription);
                return null;
            default:
                _logger.LogDebug("{Station}: {Action} ended as {Outcome}", StationId, action, outcome);
                return null;
        }
    }

    private async Task WithEvseAsync(int evseId, Func<SimulatedEvse, Task> action)
    {
        if (evseId < 1 || evseId > _evses.Length) throw new ArgumentOutOfRangeException(nameof(evseId));
        await _evseGate.WaitAsync().ConfigureAwait(false);
        try { await action(_evses[evseId - 1]).ConfigureAwait(false); }
        finally { _evseGate.Release(); }
    }

    private static TimeSpan Jitter(TimeSpan value) => value * (0.75 + Random.Shared.NextDouble() * 0.5);

    // ---- CSMS → charger ------------------------------------------------------------------------------------------

    private async ValueTask<IncomingCallReply> OnCsmsCallAsync(CallFrame call, CancellationToken token)
    {
        _stats.OnCommand();
        lock (_commands) _commands.Add(call.Action);
        var connection = _connection!;
        _options.OnCsmsFrame?.Invoke(new CsmsFrameObserved(StationId, connection.Version, call.Action, OcppPayloadKind.Request, call.Payload));
        if (!OcppPayloadCodec.TryDecode(connection.Version, call.Action, OcppPayloadKind.Request, call.Payload.Span, out var request, out var error))
            return error!;
        if (_smartCharging.Handle(request!, (action, payload) => CallAsync<object>(_connection!, action, payload)) is { } smartCharging)
            return smartCharging;
        return request switch
        {
            GetBaseReportRequest r => StartBaseReport(r),
            GetVariablesRequest r => Reply(new GetVariablesResponse { GetVariableResult = r.GetVariableData.Select(DeviceModel.Get).ToArray() }),
            SetVariablesRequest r => Reply(new SetVariablesResponse { SetVariableResult = r.SetVariableData.Select(SetVariable).ToArray() }),
            ResetRequest => ScheduleReset(),
            ChangeAvailabilityRequest r => await ChangeAvailabilityAsync(r).ConfigureAwait(false),
            TriggerMessageRequest r => Trigger(r),
            RequestStartTransactionRequest r => await RemoteStartAsync(r).ConfigureAwait(false),
            RequestStopTransactionRequest r => await RemoteStopAsync(r).ConfigureAwait(false),
            _ when HandleGridServiceCall(request!) is { } gridService => gridService, // Der/SimulatedCharger.Der.cs
            _ when HandleCertificateCall(request!) is { } certificate => certificate, // Certificates/SimulatedCharger.Certificates.cs
            _ => new OcppError(OcppErrorCode.NotSupported, $"The simulator does not support {call.Action}."),
        };
    }

    private static IncomingCallReply Reply(object response) => OcppPayloadCodec.Encode(response);

    /// <summary>
    /// Accept first, report after: the NotifyReport CALLs must follow the GetBaseReport CALLRESULT, which the transport
    /// sends when this handler returns, so the report runs in the background after a short yield.
    /// </summary>
    private IncomingCallReply StartBaseReport(GetBaseReportRequest request)
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(20).ConfigureAwait(false);
            var data = DeviceModel.Report();
            const int partSize = 4;
            for (int offset = 0, seq = 0; offset < data.Count; offset += partSize, seq++)
            {
                var part = data.Skip(offset).Take(partSize).ToArray();
                await CallAsync<NotifyReportResponse>(_connection!, "NotifyReport", new NotifyReportRequest
                {
                    RequestId = request.RequestId, GeneratedAt = DateTimeOffset.UtcNow, SeqNo = seq, ReportData = part,
                    Tbc = offset + partSize < data.Count,
                }).ConfigureAwait(false);
            }
        });
        return Reply(new GetBaseReportResponse { Status = GenericDeviceModelStatusEnumType.Accepted });
    }

    /// <summary>
    /// SecurityCtrlr.BasicAuthPassword is write-only and not part of the reported device model: a station that accepts a
    /// new password reconnects with it (OCPP 2.x A01); everything else goes to the device model.
    /// </summary>
    private SetVariableResultType SetVariable(SetVariableDataType data)
    {
        if (data.Component.Name != "SecurityCtrlr" || data.Variable.Name != "BasicAuthPassword") return DeviceModel.Set(data);
        var accepted = data.AttributeValue.Length is >= 16 and <= 40;
        if (accepted)
        {
            _password = data.AttributeValue;
            _ = Task.Run(async () =>
            {
                // As with Reset: the Accepted reply goes out first, then the station reconnects with the new password.
                await Task.Delay(1000).ConfigureAwait(false);
                if (_connection is { } c) await c.CloseAsync(WebSocketCloseStatus.NormalClosure, "new credentials").ConfigureAwait(false);
            });
        }
        return new SetVariableResultType
        {
            AttributeStatus = accepted ? SetVariableStatusEnumType.Accepted : SetVariableStatusEnumType.Rejected,
            Component = data.Component,
            Variable = data.Variable,
        };
    }

    private IncomingCallReply ScheduleReset()
    {
        _ = Task.Run(async () =>
        {
            // The Accepted reply is queued when this handler returns; a real station also takes a moment before it
            // reboots. A generous pause keeps the reply ahead of the close even on a heavily loaded machine.
            await Task.Delay(1000).ConfigureAwait(false);
            _bootReason = BootReasonEnumType.RemoteReset;
            if (_connection is { } c) await c.CloseAsync(WebSocketCloseStatus.NormalClosure, "reset").ConfigureAwait(false);
        });
        return Reply(new ResetResponse { Status = ResetStatusEnumType.Accepted });
    }

    private async Task<IncomingCallReply> ChangeAvailabilityAsync(ChangeAvailabilityRequest request)
    {
        var status = request.OperationalStatus == OperationalStatusEnumType.Operative
            ? ConnectorStatusEnumType.Available : ConnectorStatusEnumType.Unavailable;
        var targets = request.Evse is { } e ? _evses.Where(x => x.Id == e.Id).ToArray() : _evses;
        if (targets.Length == 0) return Reply(new ChangeAvailabilityResponse { Status = ChangeAvailabilityStatusEnumType.Rejected });
        // A running transaction finishes first; the change is then scheduled (part 2, G03).
        var scheduled = targets.Any(t => t.TransactionId is not null);
        _ = Task.Run(async () =>
        {
            await Task.Delay(20).ConfigureAwait(false);
            foreach (var t in targets.Where(t => t.TransactionId is null)) await SendStatusAsync(t.Id, status, default).ConfigureAwait(false);
        });
        await Task.CompletedTask.ConfigureAwait(false);
        return Reply(new ChangeAvailabilityResponse
        {
            Status = scheduled ? ChangeAvailabilityStatusEnumType.Scheduled : ChangeAvailabilityStatusEnumType.Accepted,
        });
    }

    private IncomingCallReply Trigger(TriggerMessageRequest request)
    {
        Func<Task>? send = request.RequestedMessage switch
        {
            MessageTriggerEnumType.Heartbeat => () => CallAsync<HeartbeatResponse>(_connection!, "Heartbeat", new HeartbeatRequest()),
            MessageTriggerEnumType.BootNotification => () => CallAsync<BootNotificationResponse>(_connection!, "BootNotification",
                new BootNotificationRequest
                {
                    Reason = BootReasonEnumType.Triggered,
                    ChargingStation = new ChargingStationType { Model = _options.Model, VendorName = _options.VendorName, SerialNumber = StationId },
                }),
            MessageTriggerEnumType.StatusNotification => async () =>
            {
                foreach (var evse in _evses)
                    await SendStatusAsync(evse.Id, evse.TransactionId is null ? ConnectorStatusEnumType.Available : ConnectorStatusEnumType.Occupied,
                        default).ConfigureAwait(false);
            },
            MessageTriggerEnumType.MeterValues => () => CallAsync<MeterValuesResponse>(_connection!, "MeterValues", new MeterValuesRequest
            {
                EvseId = request.Evse?.Id ?? 1,
                MeterValue = [MeterValue(_evses[Math.Clamp((request.Evse?.Id ?? 1) - 1, 0, _evses.Length - 1)], DateTimeOffset.UtcNow,
                    ReadingContextEnumType.Trigger)],
            }),
            _ => null,
        };
        if (send is null) return Reply(new TriggerMessageResponse { Status = TriggerMessageStatusEnumType.NotImplemented });
        _ = Task.Run(async () => { await Task.Delay(20).ConfigureAwait(false); await send().ConfigureAwait(false); });
        return Reply(new TriggerMessageResponse { Status = TriggerMessageStatusEnumType.Accepted });
    }

    private async Task<IncomingCallReply> RemoteStartAsync(RequestStartTransactionRequest request)
    {
        var evse = _evses.FirstOrDefault(e => (request.EvseId is null || e.Id == request.EvseId) && e.TransactionId is null);
        if (evse is null) return Reply(new RequestStartTransactionResponse { Status = RequestStartStopStatusEnumType.Rejected });
        _ = Task.Run(async () =>
        {
            await Task.Delay(20).ConfigureAwait(false);
            await StartTransactionAsync(evse.Id, request.RemoteStartId).ConfigureAwait(false);
        });
        await Task.CompletedTask.ConfigureAwait(false);
        return Reply(new RequestStartTransactionResponse { Status = RequestStartStopStatusEnumType.Accepted });
    }

    private async Task<IncomingCallReply> RemoteStopAsync(RequestStopTransactionRequest request)
    {
        var evse = _evses.FirstOrDefault(e => e.TransactionId == request.TransactionId);
        if (evse is null) return Reply(new RequestStopTransactionResponse { Status = RequestStartStopStatusEnumType.Rejected });
        _ = Task.Run(async () =>
        {
            await Task.Delay(20).ConfigureAwait(false);
            await StopTransactionAsync(evse.Id, ReasonEnumType.Remote).ConfigureAwait(false);
        });
        await Task.CompletedTask.ConfigureAwait(false);
        return Reply(new RequestStopTransactionResponse { Status = RequestStartStopStatusEnumType.Accepted });
    }

    private void Follow(string action, int evseId, int profileId, decimal setpoint, decimal? limit, decimal? dischargeLimit)
    {
        var power = (double)setpoint;
        if (limit is { } l) power = Math.Min(power, (double)l);
        if (dischargeLimit is { } d) power = Math.Max(power, (double)d);
        var evse = _evses[evseId - 1];
        // Energy up to now was delivered at the old power; the new power counts from here.
        var now = DateTimeOffset.UtcNow;
        evse.EnergyWh += Math.Max(0, evse.SetpointW ?? _options.PowerW) * (now - evse.LastMeterAt).TotalHours;
        evse.LastMeterAt = now;
        evse.SetpointW = power;
        lock (_setpoints)
            _setpoints.Add(new ReceivedSetpoint(action, evseId, profileId, (double)setpoint, (double?)limit, (double?)dischargeLimit, now));
    }

    private sealed class SimulatedEvse(int id)
    {
        public int Id { get; } = id;
        public double? SetpointW { get; set; }
        public string? TransactionId { get; set; }
        public int SeqNo { get; set; }
        public double EnergyWh { get; set; }
        public DateTimeOffset LastMeterAt { get; set; } = DateTimeOffset.UtcNow;
        public DateTimeOffset StartedAt { get; set; }
    }
}

/// <summary>A setpoint as the simulated station received it (W, import positive), with the local arrival time.</summary>
public sealed record ReceivedSetpoint(
    string Action, int EvseId, int ProfileId, double SetpointW, double? LimitW, double? DischargeLimitW, DateTimeOffset ReceivedAt);

/// <summary>OCPP action names the simulator records setpoints for.</summary>
internal static class SetpointFrames
{
    public const string SetChargingProfile = "SetChargingProfile";
    public const string UpdateDynamicSchedule = "UpdateDynamicSchedule";
}
