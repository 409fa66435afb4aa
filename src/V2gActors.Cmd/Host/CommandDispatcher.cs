using Microsoft.Extensions.Logging;
using V2gActors.Cmd.Palettes;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Host;

/// <summary>
/// Turns one request into reply lines: finds the palette and command, parses the arguments, checks the token of
/// state-changing commands, runs the command under a time limit and reports every failure as a reply, never as an
/// exception that could take the connection (or the node) down.
/// </summary>
public sealed class CommandDispatcher(IEnumerable<ICommandPalette> palettes, TokenGate gate, TimeSpan commandTimeout, ILogger logger)
{
    private readonly IReadOnlyDictionary<string, ICommandPalette> _palettes =
        palettes.ToDictionary(p => p.Info.Name, StringComparer.OrdinalIgnoreCase);

    public CatalogReply Catalog => new([.. _palettes.Values.Select(p => p.Info).OrderBy(p => p.Name, StringComparer.Ordinal)]);

    public async Task<DoneReply> DispatchAsync(CommandRequest request, ICommandOutput output, CancellationToken cancellationToken)
    {
        switch (request.Op)
        {
            case RequestOps.Describe:
                await output.WriteAsync(Catalog).ConfigureAwait(false);
                return new DoneReply(CommandStatus.Ok);
            case RequestOps.Run:
                return await RunAsync(request, output, cancellationToken).ConfigureAwait(false);
            default:
                return new DoneReply(CommandStatus.Usage, $"Unknown op '{request.Op}'; expected '{RequestOps.Describe}' or '{RequestOps.Run}'.");
        }
    }

    private async Task<DoneReply> RunAsync(CommandRequest request, ICommandOutput output, CancellationToken cancellationToken)
    {
        var argv = request.Argv ?? [];
        if (argv.Count == 0) return new DoneReply(CommandStatus.Usage, "Name a palette and a command.");
        if (!_palettes.TryGetValue(argv[0], out var palette))
            return new DoneReply(CommandStatus.Usage, $"Unknown palette '{argv[0]}'. Palettes: {string.Join(", ", _palettes.Keys.Order())}.");
        var commands = palette.Info.Commands;
        if (argv.Count < 2)
            return new DoneReply(CommandStatus.Usage, $"{palette.Info.Name}: name a command: {string.Join(", ", commands.Select(c => c.Name))}.");
        var words = argv.Skip(1).ToList();
        if (CommandLookup.Find(palette.Info, words) is not { } found)
            return new DoneReply(CommandStatus.Usage, UnknownCommand(palette.Info, words));
        var (command, nameLength) = found;

        var parsed = ArgumentParser.Parse(command, [.. words.Skip(nameLength)]);
        if (parsed.Arguments is not { } arguments)
            return new DoneReply(CommandStatus.Usage, $"{parsed.Problem} Usage: {command.Usage(palette.Info.Name)}");

        if (command.ChangesState && gate.Refusal(request.Token) is { } refusal)
        {
            logger.LogWarning("Command host refused {Palette} {Command}: {Refusal}", palette.Info.Name, command.Name, refusal);
            return new DoneReply(CommandStatus.Unauthorized, refusal);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(commandTimeout);
        try
        {
            if (command.ChangesState) logger.LogInformation("Command host runs {Argv}", string.Join(' ', argv));
            var result = await palette.ExecuteAsync(command.Name, new CommandContext(arguments, output, limit.Token)).ConfigureAwait(false);
            return new DoneReply(result.Status, result.Message);
        }
        catch (FormatException ex)
        {
            // Arguments are text until a command reads them as numbers or durations (ParsedArguments.Double, .Duration).
            return new DoneReply(CommandStatus.Usage, $"{ex.Message} Usage: {command.Usage(palette.Info.Name)}");
        }
        catch (Exception ex) when (ex is Akka.Actor.AskTimeoutException or OperationCanceledException or TaskCanceledException)
        {
            if (cancellationToken.IsCancellationRequested) throw; // the node is stopping or the client left
            return new DoneReply(CommandStatus.Failed, $"{palette.Info.Name} {command.Name}: no answer in time.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Command host: {Palette} {Command} failed", palette.Info.Name, command.Name);
            return new DoneReply(CommandStatus.Failed, $"{palette.Info.Name} {command.Name} failed: {ex.Message}");
        }
    }

    /// <summary>Names what could follow: the rest of a multi-word name (<c>grid event</c> → target, limits, droop) or every command.</summary>
    private static string UnknownCommand(PaletteInfo palette, IReadOnlyList<string> words)
    {
        for (var typed = words.Count; typed > 0; typed--)
        {
            var next = CommandLookup.NextNameWords(palette, [.. words.Take(typed)]);
            if (next.Count == 0) continue;
            var stem = string.Join(' ', words.Take(typed));
            return typed == words.Count
                ? $"{palette.Name} {stem}: name one of {string.Join(", ", next)}."
                : $"{palette.Name} {stem} has no '{words[typed]}'. Choose one of {string.Join(", ", next)}.";
        }
        return $"{palette.Name} has no command '{words[0]}'. Commands: {string.Join(", ", palette.Commands.Select(c => c.Name))}.";
    }
}
