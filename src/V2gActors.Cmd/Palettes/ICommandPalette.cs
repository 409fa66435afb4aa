using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Palettes;

/// <summary>
/// A named group of commands (pbm's "palette"). One class per palette; register it with
/// <c>services.AddCommandPalette&lt;MyPalette&gt;()</c> and the host lists, parses, authorises and runs it. A command's
/// name may have several words (<c>event target</c>), see <see cref="Protocol.CommandLookup"/>.
/// </summary>
public interface ICommandPalette
{
    PaletteInfo Info { get; }

    /// <summary>
    /// Runs <paramref name="command"/> (one of <see cref="Info"/>'s, arguments already parsed and checked). Writes output
    /// lines to <see cref="CommandContext.Output"/> and returns the outcome; exceptions become a failed outcome.
    /// </summary>
    Task<CommandResult> ExecuteAsync(string command, CommandContext context);
}

/// <summary>What a command leaves behind besides its output lines.</summary>
public sealed record CommandResult(CommandStatus Status, string? Message = null)
{
    public static CommandResult Ok(string? message = null) => new(CommandStatus.Ok, message);

    public static CommandResult Failed(string message) => new(CommandStatus.Failed, message);

    public static CommandResult Usage(string message) => new(CommandStatus.Usage, message);

    public static CommandResult Unavailable(string message) => new(CommandStatus.Unavailable, message);
}

/// <param name="Arguments">Parsed against the command's <see cref="ArgumentInfo"/>s.</param>
/// <param name="Output">Streams reply lines to the client as they are written.</param>
public sealed record CommandContext(ParsedArguments Arguments, ICommandOutput Output, CancellationToken CancellationToken);

/// <summary>Where a command writes; each call becomes one reply line on the wire immediately.</summary>
public interface ICommandOutput
{
    Task WriteAsync(Reply reply);
}

public static class CommandOutputExtensions
{
    public static Task TextAsync(this ICommandOutput output, string text) => output.WriteAsync(new TextReply(text));

    public static Task TableAsync(this ICommandOutput output, string? title, IReadOnlyList<string> columns,
        IEnumerable<IReadOnlyList<string>> rows) =>
        output.WriteAsync(new TableReply(title, columns, [.. rows]));

    /// <summary>A two-column property table (name, value), for "show" commands.</summary>
    public static Task PropertiesAsync(this ICommandOutput output, string? title, IEnumerable<(string Name, object? Value)> properties) =>
        output.TableAsync(title, ["property", "value"], properties.Select(p => (IReadOnlyList<string>)[p.Name, Cell(p.Value)]));

    public static string Cell(object? value) => value switch
    {
        null => "",
        DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
