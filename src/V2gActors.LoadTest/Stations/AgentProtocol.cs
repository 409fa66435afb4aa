using System.Globalization;
using V2gActors.LoadTest.Recording;

namespace V2gActors.LoadTest.Stations;

/// <summary>What a station agent tells its parent, one tab-separated line each on its stdout.</summary>
public abstract record AgentMessage;

/// <summary>First line: the child's <see cref="System.Diagnostics.Stopwatch.Frequency"/>.</summary>
public sealed record AgentHello(long Frequency) : AgentMessage;

/// <summary>Answer to <see cref="AgentProtocol.Ping"/>: the child's timestamp when it read the ping. Written after
/// every receipt the child saw before, so it also marks "nothing older is still in the pipe".</summary>
public sealed record AgentPong(long Token, long At) : AgentMessage;

/// <summary>A setup CALL timed by the child's <see cref="LatencyProbe"/> (connect, BootNotification, …).</summary>
public sealed record AgentFrame(FrameTimed Frame) : AgentMessage;

public sealed record AgentStation(StationState State) : AgentMessage;

/// <summary>Every station of the slice is reported; the child now only receives setpoints.</summary>
public sealed record AgentReady(int Count) : AgentMessage;

/// <summary>One setpoint frame received, stamped on the station's read loop.</summary>
public sealed record AgentReceipt(long At) : AgentMessage;

/// <summary>The child closed its sockets on <see cref="AgentProtocol.Close"/> and is exiting.</summary>
public sealed record AgentClosed : AgentMessage;

/// <summary>
/// The line protocol between a scenario and its station agents. Text because it is cheap enough (a receipt is ~22
/// bytes, 10,000 per event; the child batches them into one flush) and readable when a run goes wrong. Timestamps are
/// the child's own, so the time a line spends in the pipe never enters a latency.
/// Parent → child on stdin: <c>ping\t{token}</c>, <c>close</c>; the child exits when its stdin ends.
/// </summary>
public static class AgentProtocol
{
    public const string Close = "close";
    private const string PingVerb = "ping";
    private const char Tab = '\t';
    private static readonly IFormatProvider Invariant = CultureInfo.InvariantCulture;

    public static string Ping(long token) => $"{PingVerb}{Tab}{token.ToString(Invariant)}";

    public static bool TryParsePing(string line, out long token)
    {
        token = 0;
        return line.StartsWith(PingVerb + Tab, StringComparison.Ordinal) && long.TryParse(line.AsSpan(PingVerb.Length + 1), Invariant, out token);
    }

    public static string Format(AgentMessage message) => message switch
    {
        AgentHello h => $"hello{Tab}{h.Frequency.ToString(Invariant)}",
        AgentPong p => $"pong{Tab}{p.Token.ToString(Invariant)}{Tab}{p.At.ToString(Invariant)}",
        AgentFrame { Frame: var f } =>
            $"frame{Tab}{f.Series}{Tab}{f.Microseconds.ToString(Invariant)}{Tab}{(f.Succeeded ? 1 : 0)}{Tab}{f.AnsweredAt.ToString(Invariant)}",
        AgentStation { State: var s } => $"station{Tab}{s.StationId}{Tab}{(s.Accepted ? 1 : 0)}{Tab}{s.TransactionId}",
        AgentReady r => $"ready{Tab}{r.Count.ToString(Invariant)}",
        AgentReceipt r => $"r{Tab}{r.At.ToString(Invariant)}",
        AgentClosed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "not a station agent message"),
    };

    /// <summary>The hot line, written without allocating: <c>r\t{timestamp}</c>.</summary>
    public static void WriteReceipt(TextWriter writer, long at)
    {
        Span<char> line = stackalloc char[24];
        line[0] = 'r';
        line[1] = Tab;
        at.TryFormat(line[2..], out var digits, provider: Invariant);
        writer.Write(line[..(2 + digits)]);
    }

    public static AgentMessage Parse(string line)
    {
        // Receipts first: they are 10,000 per event, everything else a handful per run.
        if (line.StartsWith("r\t", StringComparison.Ordinal)) return new AgentReceipt(long.Parse(line.AsSpan(2), Invariant));
        var f = line.Split(Tab);
        return f[0] switch
        {
            "hello" => new AgentHello(long.Parse(f[1], Invariant)),
            "pong" => new AgentPong(long.Parse(f[1], Invariant), long.Parse(f[2], Invariant)),
            "frame" => new AgentFrame(new FrameTimed(f[1], long.Parse(f[2], Invariant), f[3] == "1", long.Parse(f[4], Invariant))),
            "station" => new AgentStation(new StationState(f[1], f[2] == "1", f[3].Length == 0 ? null : f[3])),
            "ready" => new AgentReady(int.Parse(f[1], Invariant)),
            "closed" => new AgentClosed(),
            _ => throw new FormatException($"not a station agent line: {line}"),
        };
    }
}
