using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Tls;
using V2gActors.Iso15118.V2gtp;

namespace V2gActors.Iso15118.Transport;

/// <summary>A failure on the EV side of the link (timeout, closed connection, undecodable answer).</summary>
public sealed class V2gtpClientException(string message) : Exception(message);

/// <summary>
/// The EVCC's end of a V2GTP connection over TCP + TLS 1.3: send one EXI request, await one EXI response within a
/// timeout. Used by the EV simulator; throws <see cref="V2gtpClientException"/> so a simulator can report why a
/// session broke off.
/// </summary>
public sealed class V2gtpClientConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly V2gtpStream _stream;

    private V2gtpClientConnection(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
        _stream = new V2gtpStream(tls);
    }

    public System.Security.Authentication.SslProtocols Protocol => _tls.SslProtocol;

    public static async Task<V2gtpClientConnection> ConnectTlsAsync(IPEndPoint secc, X509Certificate2 trustedRoot, string targetHost,
        TimeSpan timeout, CancellationToken ct)
    {
        var tcp = new TcpClient(secc.AddressFamily) { NoDelay = true };
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            await tcp.ConnectAsync(secc, limit.Token);
            var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(V2gTls.ClientOptions(trustedRoot, targetHost), limit.Token);
            return new V2gtpClientConnection(tcp, tls);
        }
        catch (Exception e) when (e is not V2gtpClientException)
        {
            tcp.Dispose();
            throw new V2gtpClientException($"could not connect to the SECC at {secc} over TLS 1.3: {e.Message}");
        }
    }

    public async Task SendAsync(ExiSchema schema, object message, CancellationToken ct) =>
        await _stream.SendAsync(new V2gtpFrame(V2gtpPayloadTypes.MainStreamOf(schema), ExiCodec.Encode(schema, message)), ct);

    public async Task<ExiDocument> ReceiveAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        V2gtpReceive received;
        try { received = await _stream.ReceiveAsync(limit.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new V2gtpClientException($"no response within {timeout.TotalMilliseconds:0} ms");
        }
        catch (IOException e) { throw new V2gtpClientException($"connection failed: {e.Message}"); }
        if (received.Failure is { } failure) throw new V2gtpClientException($"no response: {failure}");
        var frame = received.Frame!;
        var schema = frame.KnownType is { } type ? V2gtpPayloadTypes.SchemaOf(type) : null;
        if (schema is null) throw new V2gtpClientException($"unexpected payload type 0x{frame.PayloadType:X4}");
        if (!ExiCodec.TryDecode(schema.Value, frame.Payload.Span, out var doc, out var error))
            throw new V2gtpClientException($"undecodable response: {error}");
        return doc;
    }

    public async Task<TResponse> ExchangeAsync<TResponse>(ExiSchema schema, object request, TimeSpan timeout, CancellationToken ct)
    {
        await SendAsync(schema, request, ct);
        var doc = await ReceiveAsync(timeout, ct);
        return doc.Body is TResponse response
            ? response
            : throw new V2gtpClientException($"expected {typeof(TResponse).Name}, got {doc.RootName}");
    }

    public async ValueTask DisposeAsync()
    {
        try { await _tls.DisposeAsync(); } catch (IOException) { }
        _tcp.Dispose();
    }
}
