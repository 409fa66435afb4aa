using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using V2gActors.Cmd.Palettes;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Host;

/// <summary>
/// One client connection: reads request lines one at a time and streams each answer back, ending it with a
/// <see cref="DoneReply"/>. Malformed lines get an error reply and the session goes on; an over-long line closes it
/// (the stream is out of step after it).
/// </summary>
public sealed class CommandSession(TcpClient client, CommandDispatcher dispatcher, CommandHostOptions options, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
        using (client)
        {
            var stream = client.GetStream();
            var reader = new BoundedLineReader(stream, options.MaxRequestBytes);
            var output = new StreamOutput(stream);
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    idle.CancelAfter(TimeSpan.FromSeconds(options.IdleTimeoutSeconds));
                    var line = await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
                    if (line.IsEndOfStream) return;
                    if (line.IsTooLong)
                    {
                        await output.WriteAsync(new DoneReply(CommandStatus.Usage,
                            $"Request longer than {options.MaxRequestBytes} bytes; closing.")).ConfigureAwait(false);
                        await CloseGracefullyAsync(stream).ConfigureAwait(false);
                        return;
                    }
                    if (string.IsNullOrWhiteSpace(line.Text)) continue;

                    var done = Parse(line.Text!) is { } request
                        ? await dispatcher.DispatchAsync(request, output, stopping).ConfigureAwait(false)
                        : new DoneReply(CommandStatus.Usage, "Malformed request: expected one JSON object per line, e.g. {\"op\":\"run\",\"argv\":[\"cluster\",\"show\"]}.");
                    await output.WriteAsync(done).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Client went away, idled out, or the node is stopping: nothing to answer.
                logger.LogDebug("Command host: session {Remote} ended: {Reason}", remote, ex.Message);
            }
        }
    }

    /// <summary>
    /// Closing a socket with unread input makes the kernel send RST, which can destroy the refusal just written. So:
    /// stop sending, then discard what the client still sends, bounded in bytes and time.
    /// </summary>
    private async Task CloseGracefullyAsync(NetworkStream stream)
    {
        client.Client.Shutdown(SocketShutdown.Send);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var sink = new byte[8192];
        var drained = 0;
        while (drained < 4 * options.MaxRequestBytes + 1024 * 1024)
        {
            var n = await stream.ReadAsync(sink, limit.Token).ConfigureAwait(false);
            if (n == 0) return;
            drained += n;
        }
    }

    private static CommandRequest? Parse(string line)
    {
        try
        {
            return ProtocolJson.ParseRequest(line) is { Op: not null } request ? request : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes each reply as one line and flushes it, so the client sees output while a command still runs.</summary>
    private sealed class StreamOutput(Stream stream) : ICommandOutput
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task WriteAsync(Reply reply)
        {
            var bytes = Encoding.UTF8.GetBytes(ProtocolJson.Line(reply) + "\n");
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await stream.WriteAsync(bytes).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
