using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport.Server;

namespace V2gActors.Ocpp.Transport.Client;

/// <summary>
/// The charger side of OCPP-J over <see cref="ClientWebSocket"/>: same framing and single-writer sending as the server,
/// plus <see cref="CallAsync"/>, which queues CALLs so at most one is outstanding (part 4), and an incoming-call callback
/// for CSMS→charger CALLs. Used by the charger simulator and by tests.
/// </summary>
public sealed class OcppClientConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly OcppWebSocketPipe _pipe;
    private readonly OcppClientCallbacks _callbacks;
    private readonly OcppClientOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly OutboundCallTracker<TaskCompletionSource<CallOutcome>> _tracker;
    private readonly ITimer _deadlineTimer;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Task<string> _completion;
    private bool _closed;

    private OcppClientConnection(ClientWebSocket socket, string stationId, string subprotocol, OcppVersion version,
        OcppClientCallbacks callbacks, OcppClientOptions options, ILogger logger)
    {
        _socket = socket;
        StationId = stationId;
        Subprotocol = subprotocol;
        Version = version;
        _callbacks = callbacks;
        _options = options;
        _logger = logger;
        _pipe = new OcppWebSocketPipe(socket, version, options.ToPipeSettings(), logger, stationId);
        _tracker = new OutboundCallTracker<TaskCompletionSource<CallOutcome>>(options.TimeProvider);
        _deadlineTimer = options.TimeProvider.CreateTimer(static state => ((OcppClientConnection)state!).OnDeadline(),
            this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _completion = RunAsync();
    }

    public string StationId { get; }

    /// <summary>The subprotocol the CSMS selected (one of those offered).</summary>
    public string Subprotocol { get; }

    public OcppVersion Version { get; }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Completes with a human-readable reason once the connection is closed or lost. Never faults.</summary>
    public Task<string> Completion => _completion;

    /// <summary>
    /// Opens <c>{csmsBase}/{stationId}</c> offering <paramref name="subprotocols"/> (in the client's preference order)
    /// and, when <paramref name="password"/> is given, HTTP Basic credentials <c>stationId:password</c> (security
    /// profile 1). <paramref name="callbacks"/> are installed before the first frame can arrive.
    /// </summary>
    /// <exception cref="OcppConnectException">The upgrade was refused (see <see cref="OcppConnectException.StatusCode"/>)
    /// or the server selected no offered OCPP subprotocol.</exception>
    public static async Task<OcppClientConnection> ConnectAsync(Uri csmsBase, string stationId, string? password,
        IReadOnlyList<string> subprotocols, OcppClientCallbacks? callbacks = null, OcppClientOptions? options = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csmsBase);
        ArgumentException.ThrowIfNullOrEmpty(stationId);
        ArgumentNullException.ThrowIfNull(subprotocols);
        options ??= OcppClientOptions.Default;
        var socket = new ClientWebSocket();
        try
        {
            for (var i = 0; i < subprotocols.Count; i++) socket.Options.AddSubProtocol(subprotocols[i]);
            if (password is not null)
                socket.Options.SetRequestHeader("Authorization", new BasicCredentials(stationId, password).ToHeaderValue());
            socket.Options.KeepAliveInterval = options.KeepAliveInterval;
            socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
            socket.Options.CollectHttpResponseDetails = true; // to report 401 vs 400 to the caller
            if (options.ClientCertificate is { } clientCertificate) socket.Options.ClientCertificates.Add(clientCertificate);
            if (options.TrustedCsmsRoot is { } root)
                socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    PrivateRootTrust.Validates(root, certificate, errors);

            var uri = StationUri(csmsBase, stationId);
            try
            {
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException ex)
            {
                var status = socket.HttpStatusCode == 0 ? (HttpStatusCode?)null : socket.HttpStatusCode;
                throw new OcppConnectException(
                    $"OCPP upgrade to {uri} failed{(status is null ? "" : $" with HTTP {(int)status.Value} {status.Value}")}: {ex.Message}",
                    status, ex);
            }

            var chosen = socket.SubProtocol;
            if (!Offered(subprotocols, chosen) || !OcppSubprotocols.TryParse(chosen, out var version))
            {
                socket.Abort();
                throw new OcppConnectException($"The CSMS at {uri} selected subprotocol '{chosen}', which is not an offered OCPP version.",
                    socket.HttpStatusCode);
            }
            return new OcppClientConnection(socket, stationId, chosen!, version, callbacks ?? new OcppClientCallbacks(), options,
                logger ?? NullLogger.Instance);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary><c>http(s)://host/ocpp</c> or <c>ws(s)://host/ocpp/</c> + station id → <c>ws(s)://host/ocpp/{stationId}</c>.</summary>
    public static Uri StationUri(Uri csmsBase, string stationId)
    {
        var builder = new UriBuilder(csmsBase)
        {
            Scheme = csmsBase.Scheme switch { "http" => "ws", "https" => "wss", var other => other },
            Port = csmsBase.IsDefaultPort ? -1 : csmsBase.Port,
        };
        builder.Path = builder.Path.TrimEnd('/') + "/" + Uri.EscapeDataString(stationId);
        return builder.Uri;
    }

    /// <summary>
    /// Sends a CALL and waits for its answer. Calls are queued FIFO; only one is on the wire at a time; the timeout runs
    /// from the moment the call is sent. Returns a <see cref="CallOutcome"/>: <see cref="CallSucceeded"/> with the
    /// CALLRESULT payload, <see cref="CallFailed"/> for a CALLERROR, <see cref="CallTimedOut"/>, or
    /// <see cref="CallAborted"/> when the connection closed first. Protocol outcomes are never thrown.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is not a JSON object (a programming error).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired. A queued call is
    /// withdrawn; an outstanding one keeps its slot until answered or timed out, as the protocol requires.</exception>
    public async Task<CallOutcome> CallAsync(string action, ReadOnlyMemory<byte> payload, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        OcppFrameCodec.EnsureJsonObject(payload);
        cancellationToken.ThrowIfCancellationRequested();
        var completion = new TaskCompletionSource<CallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        CallFrame? sendNow;
        PendingCall<TaskCompletionSource<CallOutcome>> call;
        lock (_gate)
        {
            if (_closed) return new CallAborted("connection closed");
            sendNow = _tracker.Enqueue(action, payload, timeout, completion, out call);
            RearmDeadlineLocked();
        }
        if (sendNow is not null) await _pipe.SendAsync(sendNow, CancellationToken.None).ConfigureAwait(false);
        if (!cancellationToken.CanBeCanceled) return await completion.Task.ConfigureAwait(false);

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate) _tracker.TryCancelQueued(call.MessageId);
            completion.TrySetCanceled(cancellationToken);
        }).ConfigureAwait(false);
        return await completion.Task.ConfigureAwait(false);
    }

    /// <summary>Sends a SEND (type 6, OCPP 2.1 only): an unconfirmed message, outside the one-outstanding-CALL rule.</summary>
    /// <exception cref="InvalidOperationException">The connection negotiated 2.0.1, which has no SEND.</exception>
    public ValueTask SendUnconfirmedAsync(string action, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (Version != OcppVersion.V21) throw new InvalidOperationException("SEND (MessageTypeId 6) exists only in OCPP 2.1.");
        return _pipe.SendAsync(new SendFrame(Guid.NewGuid().ToString("N"), action, payload), cancellationToken);
    }

    /// <summary>Queues any frame as is (e.g. a CALLRESULTERROR for a CALLRESULT the application could not process).
    /// Frames sent this way bypass the call tracker.</summary>
    public ValueTask SendAsync(OcppFrame frame, CancellationToken cancellationToken = default) =>
        _pipe.SendAsync(frame, cancellationToken);

    /// <summary>Closes gracefully after the queued frames and waits (bounded by the close timeout) until closed.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string reason = "closing")
    {
        _pipe.RequestClose(status, reason);
        try
        {
            await _completion.WaitAsync(_options.CloseTimeout * 2).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _lifetime.Cancel();
            await _completion.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(WebSocketCloseStatus.NormalClosure, "disposed").ConfigureAwait(false);
        // Cancelled, not disposed: an incoming-call handler still running may read the token afterwards.
        _lifetime.Cancel();
    }

    private async Task<string> RunAsync()
    {
        var reason = await _pipe.RunAsync(OnFrameAsync, _lifetime.Token).ConfigureAwait(false);
        IReadOnlyList<CallCompletion<TaskCompletionSource<CallOutcome>>> aborted;
        lock (_gate)
        {
            _closed = true;
            aborted = _tracker.AbortAll($"connection closed: {reason}");
        }
        foreach (var call in aborted) call.Call.Context.TrySetResult(call.Outcome);
        await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        return reason;
    }

    private ValueTask OnFrameAsync(OcppFrame frame)
    {
        switch (frame)
        {
            case CallResultFrame or CallErrorFrame:
                OnResponse(frame);
                return ValueTask.CompletedTask;
            case CallFrame call:
                return OnIncomingCall(call);
            case SendFrame send:
                _callbacks.OnSend?.Invoke(send);
                return ValueTask.CompletedTask;
            case CallResultErrorFrame error:
                _callbacks.OnCallResultError?.Invoke(error);
                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }

    private ValueTask OnIncomingCall(CallFrame call)
    {
        if (_callbacks.OnCall is not { } handler)
            return _pipe.SendAsync(new CallErrorFrame(call.MessageId, OcppErrorCode.NotImplemented,
                $"{call.Action} is not implemented by this charging station", default));
        // Not awaited by the read loop: the handler may await CallAsync, whose CALLRESULT this very loop must read.
        // The CSMS has at most one CALL outstanding, so this is at most one task per connection at a time.
        _ = AnswerAsync(handler, call);
        return ValueTask.CompletedTask;
    }

    private async Task AnswerAsync(OcppIncomingCallHandler handler, CallFrame call)
    {
        OcppFrame reply;
        try
        {
            reply = (await handler(call, _lifetime.Token).ConfigureAwait(false)).ToFrame(call.MessageId);
        }
        catch (Exception ex)
        {
            OcppTransportLog.HandlerFailed(_logger, ex, StationId, call.MessageId);
            reply = new CallErrorFrame(call.MessageId, OcppErrorCode.InternalError, "Internal error while processing the call", default);
        }
        try
        {
            await _pipe.SendAsync(reply).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // The handler produced a payload that is not JSON: still answer, so the CSMS's queue does not stall.
            OcppTransportLog.HandlerFailed(_logger, ex, StationId, call.MessageId);
            await _pipe.SendAsync(new CallErrorFrame(call.MessageId, OcppErrorCode.InternalError,
                "Internal error: invalid response payload", default)).ConfigureAwait(false);
        }
    }

    private void OnResponse(OcppFrame response)
    {
        TrackerStep<TaskCompletionSource<CallOutcome>> step;
        lock (_gate)
        {
            step = _tracker.OnResponse(response);
            RearmDeadlineLocked();
        }
        // A late answer to a call that already timed out, or a duplicate: nothing is waiting, so it is dropped.
        if (step.Completed is null) OcppTransportLog.UnmatchedResponse(_logger, StationId, response.Type, response.MessageId);
        else Advance(step);
    }

    private void OnDeadline()
    {
        TrackerStep<TaskCompletionSource<CallOutcome>> step;
        lock (_gate)
        {
            step = _tracker.ExpireDue();
            RearmDeadlineLocked();
        }
        if (step.Completed is not null) Advance(step);
    }

    private void Advance(TrackerStep<TaskCompletionSource<CallOutcome>> step)
    {
        step.Completed?.Call.Context.TrySetResult(step.Completed.Outcome);
        if (step.SendNext is null) return;
        var sending = _pipe.SendAsync(step.SendNext);
        if (!sending.IsCompletedSuccessfully) _ = ObserveAsync(sending);
    }

    private async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OcppTransportLog.WriteFailed(_logger, ex, StationId);
        }
    }

    private void RearmDeadlineLocked()
    {
        if (_tracker.NextDeadline is not { } deadline)
        {
            _deadlineTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = deadline - _options.TimeProvider.GetUtcNow();
        _deadlineTimer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private static bool Offered(IReadOnlyList<string> offered, string? chosen)
    {
        for (var i = 0; i < offered.Count; i++)
            if (string.Equals(offered[i], chosen, StringComparison.Ordinal)) return true;
        return false;
    }
}
