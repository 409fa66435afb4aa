using Microsoft.Extensions.Logging;

namespace V2gActors.Cmd.Logging;

/// <summary>One captured log line.</summary>
public sealed record LogEntry(DateTimeOffset At, LogLevel Level, string Category, string Message);

/// <summary>
/// The last N log lines of this node, for <c>log peek</c>. Bounded so that a chatty node never grows it; old lines
/// fall off the front. Thread-safe: loggers write from any thread.
/// </summary>
public sealed class LogRing(int capacity)
{
    private readonly LogEntry[] _entries = new LogEntry[Math.Max(1, capacity)];
    private readonly object _gate = new();
    private long _written;

    public int Capacity => _entries.Length;

    public void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries[_written % _entries.Length] = entry;
            _written++;
        }
    }

    /// <summary>The latest <paramref name="count"/> entries at or above <paramref name="minimum"/>, oldest first.</summary>
    public IReadOnlyList<LogEntry> Latest(int count, LogLevel minimum = LogLevel.Trace)
    {
        lock (_gate)
        {
            var available = (int)Math.Min(_written, _entries.Length);
            var result = new List<LogEntry>(Math.Min(count, available));
            for (var i = 0; i < available && result.Count < count; i++)
            {
                var entry = _entries[(_written - 1 - i) % _entries.Length];
                if (entry.Level >= minimum) result.Add(entry);
            }
            result.Reverse();
            return result;
        }
    }
}
