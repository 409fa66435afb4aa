using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using V2gActors.Ocpp.Rpc;

namespace V2gActors.Ocpp.Transport;

/// <summary>
/// Moves OCPP-J frames over one WebSocket, for either side: a read loop that reassembles fragmented text messages,
/// parses them and answers malformed ones itself, and a single writer loop fed by a bounded channel so any thread
/// may send without interleaving partial messages. Knows nothing of CSMS or charger roles.
/// </summary>
/// <remarks>
/// Only the writer loop touches <see cref="WebSocket.SendAsync(ReadOnlyMemory{byte}, WebSocketMessageType, bool, CancellationToken)"/>
/// and <see cref="WebSocket.CloseOutputAsync"/> (WebSocket allows one concurrent send and one concurrent receive);
/// closing therefore means "complete the channel": queued frames are flushed, then the close frame follows them.
/// </remarks>
internal sealed class OcppWebSocketPipe
{
    // Most OCPP messages are well under 4 KiB; larger ones grow the buffer transiently (see ReadLoopAsync).
    private const int InitialReceiveBufferSize = 4 * 1024;

    // RFC 6455 §5.5: a control frame payload is at most 125 bytes, 2 of which carry the status code.
    private const int MaxCloseReasonBytes = 123;

    private readonly WebSocket _socket;
    private readonly OcppVersion _version;
    private readonly OcppPipeSettings _settings;
    private readonly ILogger _logger;
    private readonly string _peerName;
    private readonly Channel<OutboundMessage> _outbox;
    private readonly CancellationTokenSource _readCts = new();
    private readonly CancellationTokenSource _sendCts = new();
    private readonly InboundRateGate? _inboundRate;
    private CloseRequest? _closeRequest;

    private sealed record CloseRequest(WebSocketCloseStatus Status, string Reason);

    public OcppWebSocketPipe(WebSocket socket, OcppVersion version, OcppPipeSettings settings, ILogger logger, string peerName)
    {
        _socket = socket;
        _version = version;
        _settings = settings;
        _logger = logger;
        _peerName = peerName;
        _outbox = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(settings.SendQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (settings.MaxInboundMessagesPerSecond > 0)
            _inboundRate = new InboundRateGate(settings.MaxInboundMessagesPerSecond, settings.InboundBurst);
    }

    public OcppVersion Version => _version;

    /// <summary>
    /// Encodes <paramref name="frame"/> on the caller's thread (spreading the CPU cost and surfacing a malformed
    /// payload to the caller) and queues it. Completes when queued. After the connection closed the frame is dropped
    /// and logged rather than thrown: the owner learns about the close through its own close notification, and an
    /// actor sending fire-and-forget must not fault on a race it cannot avoid.
    /// </summary>
    public ValueTask SendAsync(OcppFrame frame, CancellationToken cancellationToken = default)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            OcppFrameCodec.Write(frame, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        var message = buffer.Detach();
        if (_outbox.Writer.TryWrite(message)) return ValueTask.CompletedTask; // the common case: no async state machine
        return SendSlowAsync(message, frame.MessageId, cancellationToken);
    }

    private async ValueTask SendSlowAsync(OutboundMessage message, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await _outbox.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            message.Return();
            OcppTransportLog.DroppedAfterClose(_logger, _peerName, messageId);
        }
        catch (OperationCanceledException)
        {
            message.Return();
            throw;
        }
    }

    /// <summary>
    /// Starts the close handshake after the frames already queued. Idempotent: the first status wins. Returns at
    /// once; the socket is aborted if the peer does not answer within the close timeout.
    /// </summary>
    public void RequestClose(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.CompareExchange(ref _closeRequest, new CloseRequest(status, TrimCloseReason(reason)), null) is null)
            _outbox.Writer.TryComplete();
    }

    /// <summary>
    /// Runs the read and writer loops until the socket is closed or lost; returns a human-readable close reason.
    /// Never throws for network or protocol trouble. <paramref name="onFrame"/> is awaited per frame, so frames reach
    /// it in wire order; it must not wait for a response to an outbound CALL (that response is read by this loop).
    /// </summary>
    public async Task<string> RunAsync(Func<OcppFrame, ValueTask> onFrame, CancellationToken aborted)
    {
        var writer = WriteLoopAsync();
        string reason;
        using (aborted.Register(static state => ((CancellationTokenSource)state!).Cancel(), _readCts))
        {
            try
            {
                reason = await ReadLoopAsync(onFrame).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                reason = _closeRequest is { } close ? $"closed ({close.Status}: {close.Reason}), peer did not complete the handshake" : "aborted";
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                reason = $"connection lost: {ex.Message}";
            }
            catch (Exception ex)
            {
                // Anything else is a bug, but it must still end in an orderly close and one close notification.
                OcppTransportLog.HandlerFailed(_logger, ex, _peerName, "(read loop)");
                reason = $"transport failure: {ex.Message}";
            }
        }

        // Reading is over: let the writer flush what is queued (plus a close frame if the socket still allows one).
        RequestClose(WebSocketCloseStatus.NormalClosure, "closing");
        try
        {
            await writer.WaitAsync(_settings.CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }
        if (_socket.State != WebSocketState.Closed) _socket.Abort();
        return reason;
    }

    private async Task<string> ReadLoopAsync(Func<OcppFrame, ValueTask> onFrame)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferSize);
        try
        {
            while (true)
            {
                var count = 0;
                WebSocketMessageType messageType;
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        // Grow up to one byte past the limit: enough to know the message is too big without ever
                        // buffering more than MaxMessageSize + 1 bytes of it.
                        buffer = Grow(buffer, count, Math.Min(buffer.Length * 2, _settings.MaxMessageSize + 1));
                    }
                    var received = await _socket.ReceiveAsync(buffer.AsMemory(count), _readCts.Token).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        var status = _socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
                        var description = _socket.CloseStatusDescription ?? string.Empty;
                        if (_closeRequest is { } mine) return $"closed by this side ({(int)mine.Status} {mine.Status}: {mine.Reason})";
                        RequestClose(status, description); // echo the peer's close (RFC 6455 §5.5.1)
                        return $"closed by peer ({(int)status} {status}: {description})";
                    }
                    count += received.Count;
                    messageType = received.MessageType;
                    if (received.EndOfMessage || count > _settings.MaxMessageSize) break;
                }

                if (count > _settings.MaxMessageSize)
                    return await RefuseAndDrainAsync(WebSocketCloseStatus.MessageTooBig,
                        $"message exceeds {_settings.MaxMessageSize} bytes", buffer).ConfigureAwait(false);

                if (messageType == WebSocketMessageType.Binary)
                    return await RefuseAndDrainAsync(WebSocketCloseStatus.InvalidMessageType,
                        "OCPP-J uses text messages only", buffer).ConfigureAwait(false);

                if (_inboundRate is not null)
                {
                    // Over the rate: stop reading until a token is free. The peer's sends back up in TCP, not in our memory.
                    await _inboundRate.WaitAsync(_readCts.Token).ConfigureAwait(false);
                }

                // Parse synchronously (a span cannot cross an await); the frame owns copies of its payload, so the
                // receive buffer is free again as soon as Parse returns.
                var parsed = OcppFrameCodec.Parse(buffer.AsSpan(0, count), _version);
                if (parsed.TryGetFrame(out var frame)) await DeliverAsync(onFrame, frame).ConfigureAwait(false);
                else await AnswerViolationAsync(parsed.Violation!).ConfigureAwait(false);

                if (buffer.Length > InitialReceiveBufferSize)
                {
                    // Give a grown buffer back right away: with thousands of mostly idle connections only the
                    // initial 4 KiB per connection stays rented.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferSize);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask DeliverAsync(Func<OcppFrame, ValueTask> onFrame, OcppFrame frame)
    {
        try
        {
            await onFrame(frame).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OcppTransportLog.HandlerFailed(_logger, ex, _peerName, frame.MessageId);
            // A CALL must still be answered, or the peer's queue stalls until its timeout.
            if (frame is CallFrame call)
                await SendAsync(new CallErrorFrame(call.MessageId, OcppErrorCode.InternalError,
                    "Internal error while processing the call", default)).ConfigureAwait(false);
        }
    }

    private async ValueTask AnswerViolationAsync(OcppFrameViolation violation)
    {
        var reply = OcppViolationReply.For(violation, _version);
        OcppTransportLog.Malformed(_logger, _peerName, violation.MessageTypeId, violation.MessageId, violation.Code,
            violation.Description, reply is not null);
        if (reply is not null) await SendAsync(reply).ConfigureAwait(false);
    }

    /// <summary>Closes with a protocol-level status and discards whatever the peer still sends until its close arrives.</summary>
    private async Task<string> RefuseAndDrainAsync(WebSocketCloseStatus status, string reason, byte[] scratch)
    {
        OcppTransportLog.ClosingWith(_logger, _peerName, status, reason);
        RequestClose(status, reason);
        while (true)
        {
            var received = await _socket.ReceiveAsync(scratch.AsMemory(), _readCts.Token).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close) return $"closed ({(int)status} {status}): {reason}";
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    try
                    {
                        // One reusable CTS bounds each write (no allocation per frame); TryReset re-arms it.
                        _sendCts.CancelAfter(_settings.SendTimeout);
                        await _socket.SendAsync(message.Memory, WebSocketMessageType.Text, endOfMessage: true, _sendCts.Token)
                            .ConfigureAwait(false);
                        _sendCts.TryReset();
                    }
                    finally
                    {
                        message.Return();
                    }
                }
            }

            var close = _closeRequest ?? new CloseRequest(WebSocketCloseStatus.NormalClosure, "closing");
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                _sendCts.CancelAfter(_settings.CloseTimeout);
                await _socket.CloseOutputAsync(close.Status, close.Reason, _sendCts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket is unusable: abort so the read loop ends too, and stop accepting frames.
            OcppTransportLog.WriteFailed(_logger, ex, _peerName);
            _outbox.Writer.TryComplete();
            _socket.Abort();
        }
        finally
        {
            while (reader.TryRead(out var left)) left.Return();
            // Our close frame is out (or the socket is gone): the peer has CloseTimeout to answer before we abort.
            _readCts.CancelAfter(_settings.CloseTimeout);
        }
    }

    private static byte[] Grow(byte[] buffer, int used, int size)
    {
        var grown = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, used).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }

    private static string TrimCloseReason(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxCloseReasonBytes) return reason;
        var cut = Math.Min(reason.Length, MaxCloseReasonBytes);
        while (cut > 0 && Encoding.UTF8.GetByteCount(reason.AsSpan(0, cut)) > MaxCloseReasonBytes) cut--;
        if (cut > 0 && char.IsHighSurrogate(reason[cut - 1])) cut--;
        return reason[..cut];
    }
}
