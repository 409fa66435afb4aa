using System.Collections.Immutable;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Palettes;

/// <summary>
/// Parses a command's words against its declared arguments: positionals in order, options as <c>-r x</c>,
/// <c>--region x</c> or <c>--region=x</c>, flags as <c>--flag</c>. Parsing happens on the host, so the catalog the
/// host publishes is the only definition of a command's syntax.
/// </summary>
public static class ArgumentParser
{
    public static ParseOutcome Parse(CommandInfo command, IReadOnlyList<string> words)
    {
        var values = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var flags = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var positionals = new Queue<ArgumentInfo>(command.Arguments.Where(a => a.Positional));

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            // "-30000" is a negative number (a discharge target), not an option.
            if (word.StartsWith('-') && word.Length > 1 && !char.IsAsciiDigit(word[1]) && word[1] != '.')
            {
                var (name, inlineValue) = SplitOption(word);
                var option = command.Arguments.FirstOrDefault(a => !a.Positional &&
                    (word.StartsWith("--", StringComparison.Ordinal) ? a.Name == name : a.ShortName == name));
                if (option is null) return ParseOutcome.Error($"Unknown option {word}.");
                if (option.IsFlag)
                {
                    if (inlineValue is not null) return ParseOutcome.Error($"--{option.Name} takes no value.");
                    flags.Add(option.Name);
                    continue;
                }
                var value = inlineValue ?? (i + 1 < words.Count ? words[++i] : null);
                if (value is null) return ParseOutcome.Error($"--{option.Name} needs a value.");
                values[option.Name] = value;
                continue;
            }

            if (!positionals.TryDequeue(out var positional)) return ParseOutcome.Error($"Unexpected argument '{word}'.");
            values[positional.Name] = word;
        }

        foreach (var argument in command.Arguments)
        {
            if (values.ContainsKey(argument.Name) || argument.IsFlag) continue;
            if (argument.Default is { } fallback) values[argument.Name] = fallback;
            else if (argument.Required) return ParseOutcome.Error($"Missing {(argument.Positional ? $"<{argument.Name}>" : $"--{argument.Name}")}.");
        }
        return ParseOutcome.Success(new ParsedArguments(values.ToImmutable(), flags.ToImmutable()));
    }

    private static (string Name, string? InlineValue) SplitOption(string word)
    {
        var bare = word.TrimStart('-');
        var equals = bare.IndexOf('=');
        return equals < 0 ? (bare, null) : (bare[..equals], bare[(equals + 1)..]);
    }
}

public sealed record ParseOutcome(ParsedArguments? Arguments, string? Problem)
{
    public static ParseOutcome Success(ParsedArguments arguments) => new(arguments, null);

    public static ParseOutcome Error(string problem) => new(null, problem);
}
