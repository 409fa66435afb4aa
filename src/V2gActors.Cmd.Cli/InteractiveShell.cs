using Spectre.Console;
using V2gActors.Cmd.Completion;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Cli;

/// <summary>
/// pbm's interactive mode: a <c>[host:port] pbm&gt;</c> prompt over one connection, with <c>help</c>, palette listings and
/// tab completion from the host's catalog. Reads plain lines when stdin is not a terminal (scripts can pipe commands in).
/// </summary>
public sealed class InteractiveShell(CliArguments arguments, HostConnection connection, IAnsiConsole console)
{
    private static readonly string[] BuiltIns = ["help", "exit", "quit"];

    public async Task<int> RunAsync()
    {
        var palettes = await V2gCmd.CatalogAsync(connection).ConfigureAwait(false);
        var editor = new LineEditor(new CommandCompleter(palettes, BuiltIns));
        var prompt = $"[{arguments.Target}] pbm> ";
        console.MarkupLine($"[grey]Connected to {Markup.Escape(arguments.Target)}: {palettes.Count} palettes. Type help, Tab completes, exit quits.[/]");

        var lastExit = ExitCodes.Ok;
        while (editor.ReadLine(prompt) is { } line)
        {
            var words = Words.Split(line);
            if (words.Count == 0) continue;
            switch (words[0])
            {
                case "exit" or "quit":
                    return lastExit;
                case "help":
                    lastExit = V2gCmd.ShowHelp(console, palettes, words.Skip(1).FirstOrDefault());
                    continue;
            }
            if (words.Count == 1 && palettes.FirstOrDefault(p => p.Name == words[0]) is { } palette)
            {
                HelpText.Palette(console, palette);
                continue;
            }

            IReplyRenderer renderer = arguments.Json ? new JsonRenderer(Console.Out) : new HumanRenderer(console, Console.Error);
            lastExit = await V2gCmd.Execute(connection, new CommandRequest(RequestOps.Run, words, arguments.Token), renderer)
                .ConfigureAwait(false);
        }
        return lastExit;
    }
}

/// <summary>Splits a typed line into words, keeping "double quoted" words together.</summary>
public static class Words
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0) words.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
