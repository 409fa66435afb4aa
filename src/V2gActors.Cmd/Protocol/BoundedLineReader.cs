using System.Text;

namespace V2gActors.Cmd.Protocol;

/// <summary>
/// Reads '\n'-terminated UTF-8 lines from a stream, refusing any line longer than a bound. A line reader that grows
/// without limit would let one client exhaust the node's memory; here an over-long line is reported, never buffered.
/// </summary>
public sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start, _end;

    /// <summary>
    /// The next line (without the terminator); <see cref="LineRead.EndOfStream"/> at EOF; <see cref="LineRead.TooLong"/>
    /// as soon as the bound is passed, after which the stream is out of step and the caller should close it.
    /// </summary>
    public async Task<LineRead> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0) return line.Length == 0 ? LineRead.EndOfStream : LineRead.Of(Decode(line));
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            if (line.Length + take > maxLineBytes) return LineRead.TooLong;
            line.Write(_buffer, _start, take);
            _start += take;
            if (newline < 0) continue;

            _start++; // past '\n'
            return LineRead.Of(Decode(line));
        }
    }

    private static string Decode(MemoryStream line) => Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length).TrimEnd('\r');
}

public readonly record struct LineRead(string? Text, bool IsEndOfStream, bool IsTooLong)
{
    public static LineRead EndOfStream => new(null, true, false);
    public static LineRead TooLong => new(null, false, true);
    public static LineRead Of(string text) => new(text, false, false);
}
