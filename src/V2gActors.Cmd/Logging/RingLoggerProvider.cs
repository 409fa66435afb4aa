using Microsoft.Extensions.Logging;

namespace V2gActors.Cmd.Logging;

/// <summary>
/// An <see cref="ILoggerProvider"/> feeding the <see cref="LogRing"/>. The node routes Akka's logging into
/// Microsoft.Extensions.Logging (<c>AddLoggerFactory</c>), so this one provider sees actor and ASP.NET lines alike,
/// filtered by the same Logging:LogLevel configuration as the console.
/// </summary>
public sealed class RingLoggerProvider(LogRing ring) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RingLogger(ring, categoryName);

    public void Dispose() { }

    private sealed class RingLogger(LogRing ring, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            if (exception is not null) message = $"{message} ({exception.GetType().Name}: {exception.Message})";
            ring.Add(new LogEntry(DateTimeOffset.UtcNow, logLevel, category, message));
        }
    }
}
