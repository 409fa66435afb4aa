using System.Security.Authentication;
using V2gActors.Iso15118.AppProtocol;
using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Exi.Generated.AppProtocol;
using V2gActors.Iso15118.Secc;
using V2gActors.Iso15118.V2gtp;

namespace V2gActors.Iso15118.Transport;

/// <summary>
/// Runs one SECC session over an established (TLS) stream: supportedAppProtocol first, then -20 requests through the
/// <see cref="SeccStateMachine"/> until it ends, the peer goes away or the wait for the next request times out. Every
/// way out completes the <see cref="SeccSessionContext"/>; nothing escapes as an exception.
/// </summary>
public sealed class SeccConnection
{
    /// <summary>The -20 protocols this SECC negotiates, and the schemas each allows on the main stream.</summary>
    private static readonly SeccAppProtocol[] Supported = [SeccAppProtocol.Iso20Dc, SeccAppProtocol.Iso20Ac];
    private static readonly ExiSchema[] DcSchemas = [ExiSchema.CommonMessages, ExiSchema.Dc];
    private static readonly ExiSchema[] AcSchemas = [ExiSchema.CommonMessages, ExiSchema.Ac];

    private readonly V2gtpStream _stream;
    private readonly SeccStateMachine _machine;
    private readonly SeccSessionContext _context;
    private readonly TimeProvider _time;

    public SeccConnection(Stream stream, SeccOptions options, SeccSessionContext context, TimeProvider time)
    {
        _stream = new V2gtpStream(stream);
        _context = context;
        _time = time;
        _machine = new SeccStateMachine(options, context, context.Bounds, time.GetUtcNow());
    }

    public SeccStateMachine Machine => _machine;

    public async Task<SeccSessionEnd> RunAsync(CancellationToken ct)
    {
        SeccSessionEnd end;
        try
        {
            end = await NegotiateAsync(ct) ?? await ServeAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            end = _machine.Abort(SeccEndReason.ConnectionClosed, "server stopping");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or AuthenticationException or InvalidOperationException)
        {
            end = _machine.Abort(SeccEndReason.ConnectionClosed, e.Message);
        }
        catch (Exception e)
        {
            // The connection boundary: whatever went wrong, the session must end visibly (the context completes, the
            // socket closes) rather than fault a fire-and-forget task and leave dispatch waiting on a dead session.
            end = _machine.Abort(SeccEndReason.ProtocolError, $"internal error: {e.GetType().Name}: {e.Message}");
        }
        _context.Complete(end);
        return end;
    }

    /// <summary>Null when a -20 protocol was agreed; otherwise why the session ended.</summary>
    private async Task<SeccSessionEnd?> NegotiateAsync(CancellationToken ct)
    {
        var (frame, failed) = await NextFrameAsync(ct);
        if (failed is not null) return failed;
        if (frame!.PayloadType != (ushort)V2gtpPayloadType.SupportedAppProtocol
            || !ExiCodec.TryDecode(ExiSchema.AppProtocol, frame.Payload.Span, out var doc, out _)
            || doc.Body is not SupportedAppProtocolReqType request)
            return _machine.Abort(SeccEndReason.ProtocolError, "first message was not supportedAppProtocolReq");

        var negotiation = AppProtocolNegotiator.Negotiate(request, Supported);
        await _stream.SendAsync(new V2gtpFrame(V2gtpPayloadType.SupportedAppProtocol,
            ExiCodec.Encode(ExiSchema.AppProtocol, negotiation.ToResponse())), ct);
        if (!negotiation.Succeeded) return _machine.Abort(SeccEndReason.ProtocolError, "no common application protocol");
        if (negotiation.Selected == SeccAppProtocol.Iso20Ac) _machine.UseEnergyTransfer(EnergyTransferKind.Ac);
        return null;
    }

    private async Task<SeccSessionEnd> ServeAsync(CancellationToken ct)
    {
        while (true)
        {
            var (frame, failed) = await NextFrameAsync(ct);
            if (failed is not null) return failed;

            var schema = frame!.KnownType is { } type ? V2gtpPayloadTypes.SchemaOf(type) : null;
            var allowed = _machine.EnergyTransfer == EnergyTransferKind.Ac ? AcSchemas : DcSchemas;
            if (schema is not { } s || !allowed.Contains(s))
                return _machine.Abort(SeccEndReason.ProtocolError,
                    $"payload type 0x{frame.PayloadType:X4} is not part of the negotiated -20 {_machine.EnergyTransfer} protocol");
            if (!ExiCodec.TryDecode(s, frame.Payload.Span, out var doc, out var error))
                return _machine.Abort(SeccEndReason.ProtocolError, $"undecodable {s} message: {error}");

            var reply = _machine.Handle(doc.Body, _time.GetUtcNow());
            if (reply.Response is { } response && !await TrySendAsync(response, ct))
                return _machine.Abort(SeccEndReason.ProtocolError, $"response {SeccMessages.NameOf(response.Message)} could not be encoded");
            if (reply.End is { } end) return end;
        }
    }

    /// <summary>Waits for the next frame no longer than the state machine's deadline.</summary>
    private async Task<(V2gtpFrame? Frame, SeccSessionEnd? End)> NextFrameAsync(CancellationToken ct)
    {
        var wait = _machine.Deadline - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return (null, _machine.CheckTimeout(_time.GetUtcNow()));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        V2gtpReceive received;
        try
        {
            received = await _stream.ReceiveAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The clock may lag the timer by a hair; the deadline has passed either way.
            return (null, _machine.CheckTimeout(_machine.Deadline));
        }
        return received.Failure switch
        {
            null => (received.Frame, null),
            V2gtpReceiveFailure.Closed => (null, _machine.Abort(SeccEndReason.ConnectionClosed, "EV closed the connection")),
            var f => (null, _machine.Abort(SeccEndReason.ProtocolError, $"V2GTP: {f}")),
        };
    }

    private async Task<bool> TrySendAsync(SeccResponse response, CancellationToken ct)
    {
        byte[] exi;
        try { exi = ExiCodec.Encode(response.Schema, response.Message); }
        catch (ExiEncodeException) { return false; }
        await _stream.SendAsync(new V2gtpFrame(V2gtpPayloadTypes.MainStreamOf(response.Schema), exi), ct);
        return true;
    }
}
