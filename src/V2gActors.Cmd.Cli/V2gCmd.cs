using Spectre.Console;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Cli;

/// <summary>Entry point: one-shot (<c>v2gcmd [host:port] palette command …</c>) or the interactive prompt.</summary>
public static class V2gCmd
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args, string? tokenFromEnvironment)
    {
        var (arguments, problem) = CliArguments.Parse(args, tokenFromEnvironment);
        if (arguments is null)
        {
            Console.Error.WriteLine($"usage error: {problem}");
            Console.Error.WriteLine(CliArguments.Usage);
            return ExitCodes.Usage;
        }
        if (arguments.ShowHelp)
        {
            Console.WriteLine(CliArguments.Usage);
            return ExitCodes.Ok;
        }

        try
        {
            await using var connection = await HostConnection.OpenAsync(arguments.Host, arguments.Port, ConnectTimeout).ConfigureAwait(false);
            if (arguments.Words.Count == 0)
                return await new InteractiveShell(arguments, connection, HumanRenderer.CreateConsole()).RunAsync().ConfigureAwait(false);
            return arguments.Words[0] == "help"
                ? await HelpAsync(arguments, connection).ConfigureAwait(false)
                : await RunOnceAsync(arguments, connection, arguments.Words).ConfigureAwait(false);
        }
        catch (HostUnavailableException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ex.ExitCode;
        }
    }

    private static async Task<int> RunOnceAsync(CliArguments arguments, HostConnection connection, IReadOnlyList<string> words)
    {
        IReplyRenderer renderer = arguments.Json
            ? new JsonRenderer(Console.Out)
            : new HumanRenderer(HumanRenderer.CreateConsole(), Console.Error);
        return await Execute(connection, new CommandRequest(RequestOps.Run, words, arguments.Token), renderer).ConfigureAwait(false);
    }

    /// <summary>Streams one request's replies into <paramref name="renderer"/>; the exit code follows the final status.</summary>
    public static async Task<int> Execute(HostConnection connection, CommandRequest request, IReplyRenderer renderer)
    {
        await foreach (var reply in connection.SendAsync(request).ConfigureAwait(false))
        {
            if (reply is DoneReply done)
            {
                renderer.Finish(done);
                return ExitCodes.For(done.Status);
            }
            renderer.Render(reply);
        }
        throw new HostUnavailableException("The command host ended its answer without a status.", ExitCodes.ProtocolError);
    }

    public static async Task<IReadOnlyList<PaletteInfo>> CatalogAsync(HostConnection connection)
    {
        IReadOnlyList<PaletteInfo> palettes = [];
        await foreach (var reply in connection.SendAsync(new CommandRequest(RequestOps.Describe)).ConfigureAwait(false))
            if (reply is CatalogReply catalog) palettes = catalog.Palettes;
        return palettes;
    }

    private static async Task<int> HelpAsync(CliArguments arguments, HostConnection connection)
    {
        var palettes = await CatalogAsync(connection).ConfigureAwait(false);
        if (arguments.Json)
        {
            new JsonRenderer(Console.Out).Also(r => r.Render(new CatalogReply(palettes))).Finish(new DoneReply(CommandStatus.Ok));
            return ExitCodes.Ok;
        }
        var console = HumanRenderer.CreateConsole();
        return ShowHelp(console, palettes, arguments.Words.Skip(1).FirstOrDefault());
    }

    /// <summary>Palettes, or one palette's commands; an unknown palette is a usage error.</summary>
    public static int ShowHelp(IAnsiConsole console, IReadOnlyList<PaletteInfo> palettes, string? paletteName)
    {
        if (paletteName is null)
        {
            HelpText.Palettes(console, palettes);
            return ExitCodes.Ok;
        }
        if (palettes.FirstOrDefault(p => string.Equals(p.Name, paletteName, StringComparison.OrdinalIgnoreCase)) is not { } palette)
        {
            Console.Error.WriteLine($"usage error: unknown palette '{paletteName}'. Palettes: {string.Join(", ", palettes.Select(p => p.Name))}.");
            return ExitCodes.Usage;
        }
        HelpText.Palette(console, palette);
        return ExitCodes.Ok;
    }

    private static T Also<T>(this T value, Action<T> act)
    {
        act(value);
        return value;
    }
}
