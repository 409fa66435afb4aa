using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Cli;

/// <summary>The host could not be reached, or what it said was not this protocol.</summary>
public sealed class HostUnavailableException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>One TCP connection to a command host; requests are sent one at a time and their replies streamed back.</summary>
public sealed class HostConnection : IAsyncDisposable
{
    /// <summary>Tables of a large node can be long; still, a reply line that exceeds this is not one of ours.</summary>
    private const int MaxReplyLineBytes = 64 * 1024 * 1024;

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly BoundedLineReader _reader;

    private HostConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new BoundedLineReader(_stream, MaxReplyLineBytes);
    }

    public static async Task<HostConnection> OpenAsync(string host, int port, TimeSpan timeout)
    {
        var client = new TcpClient();
        try
        {
            using var limit = new CancellationTokenSource(timeout);
            await client.ConnectAsync(host, port, limit.Token).ConfigureAwait(false);
            return new HostConnection(client);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            client.Dispose();
            var reason = ex is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : ex.Message;
            throw new HostUnavailableException($"Cannot connect to the command host at {host}:{port}: {reason}.", ExitCodes.ConnectionFailed);
        }
    }

    /// <summary>Sends <paramref name="request"/> and yields its reply lines; the last one is always a <see cref="DoneReply"/>.</summary>
    public async IAsyncEnumerable<Reply> SendAsync(CommandRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(ProtocolJson.Line(request) + "\n"), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new HostUnavailableException($"The command host closed the connection: {ex.Message}", ExitCodes.ConnectionFailed);
        }

        while (true)
        {
            Reply reply;
            try
            {
                var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line.IsEndOfStream)
                    throw new HostUnavailableException("The command host closed the connection before finishing its answer.", ExitCodes.ProtocolError);
                if (line.IsTooLong) throw new HostUnavailableException("The command host sent an oversized line.", ExitCodes.ProtocolError);
                reply = ProtocolJson.ParseReply(line.Text!) ?? throw new System.Text.Json.JsonException("empty reply");
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new HostUnavailableException($"Not a V2gActors command host (unreadable reply: {ex.Message}).", ExitCodes.ProtocolError);
            }
            catch (IOException ex)
            {
                throw new HostUnavailableException($"Connection to the command host lost: {ex.Message}", ExitCodes.ConnectionFailed);
            }
            yield return reply;
            if (reply is DoneReply) yield break;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
