using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Completion;

/// <summary>
/// Tab completion for the interactive prompt, from the catalog the host published: palettes for the first word,
/// that palette's commands for the second, the command's options after that. Pure, so it is tested without a terminal.
/// </summary>
public sealed class CommandCompleter(IReadOnlyList<PaletteInfo> palettes, IReadOnlyList<string> builtIns)
{
    /// <summary>Candidates for the word being typed at the end of <paramref name="line"/>, sorted.</summary>
    public IReadOnlyList<string> Candidates(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var typing = line.Length == 0 || line.EndsWith(' ') ? "" : words[^1];
        if (typing.Length > 0) words.RemoveAt(words.Count - 1);

        IEnumerable<string> pool = words.Count switch
        {
            0 => builtIns.Concat(palettes.Select(p => p.Name)),
            1 when words[0] == "help" => palettes.Select(p => p.Name),
            _ => Palette(words[0]) is { } palette ? AfterPalette(palette, [.. words.Skip(1)]) : [],
        };
        return [.. pool.Where(c => c.StartsWith(typing, StringComparison.OrdinalIgnoreCase)).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The line after pressing Tab: the unique candidate completed (with a trailing space), or the longest common
    /// prefix of several; unchanged when nothing matches.
    /// </summary>
    public string Complete(string line)
    {
        var candidates = Candidates(line);
        if (candidates.Count == 0) return line;
        var typedLength = line.Length == 0 || line.EndsWith(' ') ? 0 : line.Split(' ')[^1].Length;
        var stem = line[..^typedLength];
        return candidates.Count == 1 ? stem + candidates[0] + " " : stem + CommonPrefix(candidates);
    }

    /// <summary>The next word of a (possibly multi-word) command name, or the option names once the name is complete.</summary>
    private static IEnumerable<string> AfterPalette(PaletteInfo palette, IReadOnlyList<string> typed)
    {
        var nameWords = CommandLookup.NextNameWords(palette, typed);
        var options = CommandLookup.Find(palette, typed) is { } found
            ? found.Command.Arguments.Where(a => !a.Positional).Select(a => "--" + a.Name)
            : [];
        return nameWords.Concat(options);
    }

    private PaletteInfo? Palette(string name) =>
        palettes.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string CommonPrefix(IReadOnlyList<string> words)
    {
        var prefix = words[0];
        foreach (var word in words.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < word.Length && char.ToLowerInvariant(prefix[n]) == char.ToLowerInvariant(word[n])) n++;
            prefix = prefix[..n];
        }
        return prefix;
    }
}
