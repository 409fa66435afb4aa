namespace V2gActors.Cmd.Protocol;

/// <summary>
/// Finds the command a request names. A command's name may have several words (<c>grid event target</c>: palette
/// <c>grid</c>, command <c>event target</c>), so families of related commands read naturally while each one keeps its
/// own arguments; the longest name that matches the words wins. Pure (BCL only: the CLI compiles it in for completion).
/// </summary>
public static class CommandLookup
{
    public static string[] NameWords(CommandInfo command) => command.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The command whose name words start <paramref name="words"/>, and how many words its name took; null when none.</summary>
    public static (CommandInfo Command, int NameLength)? Find(PaletteInfo palette, IReadOnlyList<string> words)
    {
        (CommandInfo, int)? best = null;
        foreach (var command in palette.Commands)
        {
            var name = NameWords(command);
            if (name.Length > words.Count || (best is { } b && b.Item2 >= name.Length)) continue;
            if (StartsWith(words, name)) best = (command, name.Length);
        }
        return best;
    }

    /// <summary>
    /// The possible next words after <paramref name="typed"/> inside a palette's command names (for help when a name is
    /// incomplete, e.g. <c>grid event</c> → target, limits, droop, and for tab completion).
    /// </summary>
    public static IReadOnlyList<string> NextNameWords(PaletteInfo palette, IReadOnlyList<string> typed) =>
        [.. palette.Commands.Select(NameWords)
            .Where(name => name.Length > typed.Count && StartsWith(name, typed))
            .Select(name => name[typed.Count])
            .Distinct(StringComparer.Ordinal)];

    private static bool StartsWith(IReadOnlyList<string> words, IReadOnlyList<string> prefix)
    {
        for (var i = 0; i < prefix.Count; i++)
            if (!string.Equals(words[i], prefix[i], StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }
}
