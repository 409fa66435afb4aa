using V2gActors.Cmd.Completion;

namespace V2gActors.Cmd.Cli;

/// <summary>
/// A minimal line editor for the prompt: typing, Backspace, Tab completion (a second Tab lists the choices) and
/// Up/Down history. When stdin is redirected it reads plain lines, since there are no keys to read.
/// </summary>
public sealed class LineEditor(CommandCompleter completer)
{
    private readonly List<string> _history = [];

    /// <summary>The next line, or null at end of input (Ctrl+D on an empty line, or EOF).</summary>
    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        if (Console.IsInputRedirected)
        {
            var piped = Console.ReadLine();
            if (piped is not null) Console.WriteLine(piped); // echo, so a transcript reads like a session
            return piped;
        }

        var line = "";
        var historyIndex = _history.Count;
        var lastWasTab = false;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var wasTab = key.Key == ConsoleKey.Tab;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    if (line.Trim().Length > 0) _history.Add(line);
                    return line;
                case ConsoleKey.Backspace when line.Length > 0:
                    line = line[..^1];
                    Console.Write("\b \b");
                    break;
                case ConsoleKey.Tab:
                    var completed = completer.Complete(line);
                    if (completed != line) Redraw(prompt, line, line = completed);
                    else if (lastWasTab && completer.Candidates(line) is { Count: > 1 } choices)
                    {
                        Console.WriteLine();
                        Console.WriteLine(string.Join("  ", choices));
                        Console.Write(prompt + line);
                    }
                    break;
                case ConsoleKey.UpArrow when historyIndex > 0:
                    Redraw(prompt, line, line = _history[--historyIndex]);
                    break;
                case ConsoleKey.DownArrow when historyIndex < _history.Count:
                    historyIndex++;
                    Redraw(prompt, line, line = historyIndex == _history.Count ? "" : _history[historyIndex]);
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        line += key.KeyChar;
                        Console.Write(key.KeyChar);
                    }
                    break;
            }
            lastWasTab = wasTab;
        }
    }

    private static void Redraw(string prompt, string before, string after)
    {
        Console.Write("\r" + prompt + new string(' ', before.Length) + "\r" + prompt + after);
    }
}
