using System.Collections.Immutable;

namespace V2gActors.Cmd.Palettes;

/// <summary>A command's arguments by name (positional placeholders and long option names alike), defaults applied.</summary>
public sealed record ParsedArguments(ImmutableDictionary<string, string> Values, ImmutableHashSet<string> Flags)
{
    public static ParsedArguments Empty { get; } = new(ImmutableDictionary<string, string>.Empty, ImmutableHashSet<string>.Empty);

    public string? this[string name] => Values.GetValueOrDefault(name);

    /// <summary>For arguments declared required (the parser has already refused their absence).</summary>
    public string Required(string name) =>
        Values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Argument {name} was not parsed.");

    public bool Has(string flag) => Flags.Contains(flag);

    /// <summary>An integer argument, or null when absent; throws <see cref="FormatException"/> (a usage error) when malformed.</summary>
    public int? Int(string name) =>
        Values.TryGetValue(name, out var text)
            ? int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new FormatException($"--{name} must be a whole number, not '{text}'.")
            : null;
}
