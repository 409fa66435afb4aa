using System.Globalization;

namespace V2gActors.LoadTest.Stations;

/// <summary>
/// <c>station-agent --url ws://… --password P --prefix LT1234- --from 1 --count 5000 [--concurrency 100]
/// [--call-timeout s]</c>: the slice of the fleet one child process hosts. The parent builds it
/// (<see cref="ToArguments"/>) and the child parses it back, so both sides share one definition.
/// </summary>
public sealed record StationAgentOptions(Uri Url, string Password, string Prefix, int From, int Count, int Concurrency, TimeSpan CallTimeout)
{
    public const string Mode = "station-agent";

    public IReadOnlyList<string> ToArguments() =>
    [
        Mode, "--url", Url.ToString(), "--password", Password, "--prefix", Prefix,
        "--from", Text(From), "--count", Text(Count), "--concurrency", Text(Concurrency),
        "--call-timeout", CallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    ];

    public static StationAgentOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != Mode) throw new ArgumentException($"expected '{Mode}'");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count) throw new ArgumentException($"{args[i]} needs a value");
            values[args[i]] = args[i + 1];
        }
        string Need(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"{Mode} needs {name}");
        return new StationAgentOptions(
            new Uri(Need("--url")), Need("--password"), Need("--prefix"), Int(Need("--from")), Int(Need("--count")),
            values.TryGetValue("--concurrency", out var c) ? Int(c) : 100,
            TimeSpan.FromSeconds(values.TryGetValue("--call-timeout", out var t) ? double.Parse(t, CultureInfo.InvariantCulture) : 60));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
