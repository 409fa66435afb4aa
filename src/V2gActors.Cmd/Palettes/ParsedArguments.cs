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

    /// <summary>A finite number (invariant culture, <c>-30000</c>, <c>49.8</c>), or null when absent; malformed → <see cref="FormatException"/>.</summary>
    public double? Double(string name) =>
        Values.TryGetValue(name, out var text)
            ? double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                ? x
                : throw new FormatException($"{name} must be a number, not '{text}'.")
            : null;

    /// <summary>A duration (<see cref="DurationText"/>), or null when absent or "forever"; malformed → <see cref="FormatException"/>.</summary>
    public TimeSpan? Duration(string name) =>
        Values.TryGetValue(name, out var text)
            ? DurationText.TryParse(text, out var duration)
                ? duration
                : throw new FormatException($"{name} must be a duration such as 30s, 15m, 2h, 500ms, 00:15:00 or forever, not '{text}'.")
            : null;
}
