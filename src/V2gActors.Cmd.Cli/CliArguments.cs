using System.Net;
using System.Text.RegularExpressions;

namespace V2gActors.Cmd.Cli;

/// <summary>
/// v2gcmd's own switches, taken out of the argument list wherever they stand; everything else is the palette command,
/// passed to the host untouched (the host owns command syntax). The first word is the target when it looks like
/// <c>host:port</c>.
/// </summary>
public sealed partial record CliArguments(string Host, int Port, bool Json, string? Token, bool ShowHelp, IReadOnlyList<string> Words)
{
    public const string TokenVariable = "V2G_CMD_TOKEN";
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 9110;

    public string Target => $"{Host}:{Port}";

    /// <summary>Parsed arguments, or the usage problem.</summary>
    public static (CliArguments? Arguments, string? Problem) Parse(IReadOnlyList<string> args, string? tokenFromEnvironment)
    {
        var words = new List<string>();
        var json = false;
        var help = false;
        var token = string.IsNullOrEmpty(tokenFromEnvironment) ? null : tokenFromEnvironment;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--help" or "-h" when words.Count == 0: help = true; break;
                case "--token":
                    if (i + 1 >= args.Count) return (null, "--token needs a value.");
                    token = args[++i];
                    break;
                case var t when t.StartsWith("--token=", StringComparison.Ordinal): token = t["--token=".Length..]; break;
                default: words.Add(args[i]); break;
            }
        }

        var host = DefaultHost;
        var port = DefaultPort;
        if (words.Count > 0 && TargetPattern().Match(words[0]) is { Success: true } target)
        {
            host = target.Groups["host"].Value.Trim('[', ']');
            if (!int.TryParse(target.Groups["port"].Value, out port) || port is < 1 or > 65535)
                return (null, $"'{words[0]}': the port must be 1-65535.");
            words.RemoveAt(0);
        }
        return (new CliArguments(host, port, json, token, help, words), null);
    }

    [GeneratedRegex(@"^(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.\-]+):(?<port>\d{1,5})$")]
    private static partial Regex TargetPattern();

    public const string Usage = """
        v2gcmd — operator CLI for V2gActors nodes (Petabridge.Cmd habits)

          v2gcmd [host:port] <palette> <command> [arguments] [--json] [--token TOKEN]
          v2gcmd [host:port] help [palette]
          v2gcmd [host:port]                      interactive prompt "[host:port] pbm>" with tab completion

          host:port     the node's command host (default 127.0.0.1:9110)
          --json        machine-readable output: one JSON document {status, message, output[]}
          --token T     operator token for state-changing commands (or environment V2G_CMD_TOKEN)

        exit codes: 0 ok, 1 command failed, 2 usage error, 3 token refused, 4 connection failed, 5 protocol error,
                    6 not available on this node
        """;
}
