using System.Diagnostics;
using System.Net.WebSockets;
using V2gActors.LoadTest.Recording;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport.Client;

namespace V2gActors.LoadTest.Chargers;

/// <summary>
/// A lean OCPP 2.1 station for load: one real WebSocket, CALLs sent only when the scenario says so and timed by a
/// <see cref="LatencyProbe"/>. Unlike <c>SimulatedCharger</c> it has no timers of its own (its pace is the scenario's)
/// and answers every CSMS CALL with CALLERROR NotImplemented except fleet setpoints (SetChargingProfile,
/// UpdateDynamicSchedule), which it accepts and reports to its <see cref="ISetpointTap"/>; that keeps 10,000 of them
/// cheap enough to share a 2-core machine with the node under test.
/// Not thread-safe: one scenario task drives one charger.
/// </summary>
public sealed class LoadCharger(string stationId) : IAsyncDisposable
{
    private static readonly string[] Subprotocols = [OcppSubprotocols.Ocpp21];
    private readonly List<int> _ackedSeqNos = [];
    private OcppClientConnection? _connection;
    private int _nextSeqNo;
    private double _energyWh;
    private int _setpointsReceived;

    public string StationId { get; } = stationId;

    public bool IsOpen => _connection?.IsOpen == true;

    public bool Accepted { get; private set; }

    public string? TransactionId { get; private set; }

    /// <summary>SeqNos of this charger's TransactionEvents that the CSMS acknowledged with a CALLRESULT.</summary>
    public IReadOnlyList<int> AckedSeqNos => _ackedSeqNos;

    /// <summary>Where setpoint frames are reported (the dispatch scenarios set it before connecting): the scenario's
    /// <see cref="SetpointTap"/> in-process, the station agent's pipe to its parent in a child process.</summary>
    public ISetpointTap? Tap { get; set; }

    /// <summary>Setpoint frames received (SetChargingProfile + UpdateDynamicSchedule), counted on the read loop.</summary>
    public int SetpointsReceived => Volatile.Read(ref _setpointsReceived);

    public async Task<bool> ConnectAsync(Uri csms, string password, LatencyProbe probe, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            _connection = await OcppClientConnection.ConnectAsync(csms, StationId, password, Subprotocols,
                new OcppClientCallbacks(OnCall: OnCsmsCall), cancellationToken: cancellationToken).ConfigureAwait(false);
            probe.Record("connect", start, succeeded: true);
            return true;
        }
        catch (Exception ex) when (ex is OcppConnectException or WebSocketException or HttpRequestException or IOException)
        {
            probe.Record("connect", start, succeeded: false);
            return false;
        }
    }

    /// <summary>BootNotification answers that were Pending (the node's admission gate spreading a storm).</summary>
    public int PendingAnswers { get; private set; }

    /// <summary>
    /// BootNotification until Accepted, as a real station does (OCPP B02): Pending means "come back after the interval",
    /// so the station waits that long and boots again. Succeeds only once the CSMS answers Accepted. The first attempt
    /// is the "BootNotification" series, retries after Pending are their own series; a Pending answer counts as
    /// answered (the CSMS did its job), not as failed.
    /// </summary>
    public async Task<bool> BootAsync(LatencyProbe probe, CancellationToken cancellationToken = default)
    {
        var series = "BootNotification";
        while (true)
        {
            var outcome = await probe.CallAsync(Connection, "BootNotification", LoadPayloads.Boot(StationId),
                wanted: ok => BootStatus(ok) is RegistrationStatusEnumType.Accepted or RegistrationStatusEnumType.Pending,
                series: series).ConfigureAwait(false);
            var answer = outcome is CallSucceeded ok ? BootAnswer(ok) : null;
            if (answer?.Status == RegistrationStatusEnumType.Accepted)
            {
                Accepted = true;
                return true;
            }
            if (answer?.Status != RegistrationStatusEnumType.Pending) return false;

            PendingAnswers++;
            series = RetriedBootSeries;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, answer.Interval)), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public const string RetriedBootSeries = "BootNotification (after Pending)";

    public Task<CallOutcome> StatusAsync(LatencyProbe probe, ConnectorStatusEnumType status) =>
        probe.CallAsync(Connection, "StatusNotification", LoadPayloads.Status(status));

    /// <summary>TransactionEvent(Started) of a new transaction; later <see cref="TransactionUpdateAsync"/>s belong to it.</summary>
    public async Task<bool> StartTransactionAsync(LatencyProbe probe)
    {
        TransactionId = $"{StationId}-{Guid.NewGuid().ToString("N")[..12]}";
        _nextSeqNo = 0;
        return await SendTransactionEventAsync(probe, TransactionEventEnumType.Started, dueAt: null).ConfigureAwait(false);
    }

    public Task<bool> TransactionUpdateAsync(LatencyProbe probe, long? dueAt) =>
        SendTransactionEventAsync(probe, TransactionEventEnumType.Updated, dueAt);

    public async Task<bool> MeterValuesAsync(LatencyProbe probe, long? dueAt)
    {
        _energyWh += 15;
        var outcome = await probe.CallAsync(Connection, "MeterValues", LoadPayloads.MeterValues(_energyWh), dueAt).ConfigureAwait(false);
        return outcome is CallSucceeded;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection) await connection.DisposeAsync().ConfigureAwait(false);
    }

    private ValueTask<IncomingCallReply> OnCsmsCall(CallFrame call, CancellationToken cancellationToken)
    {
        if (!LoadPayloads.IsSetpointAction(call.Action))
            return ValueTask.FromResult<IncomingCallReply>(
                new OcppError(OcppErrorCode.NotImplemented, $"{call.Action} is not implemented by this load station"));
        // Stamped first: the latency is what the station saw, before it spends anything on its answer.
        Tap?.Received(Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _setpointsReceived);
        return ValueTask.FromResult<IncomingCallReply>(LoadPayloads.ProfileAccepted(call.Action));
    }

    private OcppClientConnection Connection => _connection ?? throw new InvalidOperationException($"{StationId} is not connected");

    private async Task<bool> SendTransactionEventAsync(LatencyProbe probe, TransactionEventEnumType type, long? dueAt)
    {
        var seqNo = _nextSeqNo++;
        _energyWh += 15;
        var payload = LoadPayloads.TransactionEvent(StationId, TransactionId!, seqNo, type, _energyWh);
        // Started is recorded apart: it opens the transaction (a different write) and is not part of the flood's rate.
        var series = type == TransactionEventEnumType.Started ? "TransactionEvent(Started)" : "TransactionEvent";
        var outcome = await probe.CallAsync(Connection, "TransactionEvent", payload, dueAt, series: series).ConfigureAwait(false);
        if (outcome is not CallSucceeded) return false;
        _ackedSeqNos.Add(seqNo);
        return true;
    }

    private BootNotificationResponse? BootAnswer(CallSucceeded ok) =>
        OcppPayloadCodec.TryDecode(Connection.Version, "BootNotification", OcppPayloadKind.Response, ok.Payload.Span, out var payload, out _)
            ? payload as BootNotificationResponse
            : null;

    private RegistrationStatusEnumType? BootStatus(CallSucceeded ok) => BootAnswer(ok)?.Status;
}
