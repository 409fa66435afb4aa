using Microsoft.Extensions.Logging;
using V2gActors.Cmd.Logging;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Palettes;

/// <summary>The node's recent log lines, from the in-memory <see cref="LogRing"/>.</summary>
public sealed class LogPalette(LogRing ring) : ICommandPalette
{
    public PaletteInfo Info { get; } = new("log", "recent log lines of this node",
    [
        new("peek", "the latest log lines kept in memory", false,
        [
            new("count", "how many lines", ShortName: "n", Default: "50"),
            new("level", "minimum level: trace, debug, information, warning, error, critical", ShortName: "l", Default: "trace"),
        ]),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "peek" => PeekAsync(context),
        _ => Task.FromResult(CommandResult.Usage($"log has no command {command}.")),
    };

    private async Task<CommandResult> PeekAsync(CommandContext context)
    {
        int count;
        try
        {
            count = context.Arguments.Int("count") ?? 50;
        }
        catch (FormatException ex)
        {
            return CommandResult.Usage(ex.Message);
        }
        if (count < 1) return CommandResult.Usage("--count must be at least 1.");
        if (!Enum.TryParse<LogLevel>(context.Arguments.Required("level"), ignoreCase: true, out var level) || level == LogLevel.None)
            return CommandResult.Usage($"Unknown log level '{context.Arguments["level"]}'.");

        var entries = ring.Latest(Math.Min(count, ring.Capacity), level);
        await context.Output.TableAsync(null, ["time", "level", "category", "message"],
            entries.Select(e => (IReadOnlyList<string>)
            [
                e.At.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
                e.Level.ToString(),
                e.Category,
                e.Message,
            ])).ConfigureAwait(false);
        return CommandResult.Ok($"{entries.Count} line(s) (ring keeps {ring.Capacity})");
    }
}
