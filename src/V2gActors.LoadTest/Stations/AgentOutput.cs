using System.Text;
using System.Threading.Channels;
using V2gActors.LoadTest.Chargers;

namespace V2gActors.LoadTest.Stations;

/// <summary>
/// A station agent's stdout: thousands of read loops hand their receipts to one writer loop, which writes whatever
/// has queued up and flushes once per batch (one pipe write for a whole event's receipts when they arrive together).
/// It is also every charger's <see cref="ISetpointTap"/>: the receipt is already stamped when it gets here.
/// </summary>
public sealed class AgentOutput : ISetpointTap, IAsyncDisposable
{
    private readonly Channel<Outbound> _queue = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StreamWriter _writer;
    private readonly Task _loop;

    public AgentOutput(Stream stdout)
    {
        _writer = new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { AutoFlush = false };
        _loop = Task.Run(WriteLoopAsync);
    }

    public void Received(long at) => _queue.Writer.TryWrite(new Outbound(at, null));

    public void Send(AgentMessage message) => _queue.Writer.TryWrite(new Outbound(0, AgentProtocol.Format(message)));

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                if (item.Line is { } line) _writer.Write(line);
                else AgentProtocol.WriteReceipt(_writer, item.At);
                _writer.Write('\n');
            }
            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A receipt (<see cref="Line"/> null, formatted by the writer loop) or a formatted line.</summary>
    private readonly record struct Outbound(long At, string? Line);
}
