using System.Text.Json.Serialization;

namespace V2gActors.Cmd.Protocol;

/// <summary>One reply line. The <c>type</c> discriminator lets a client render each line as it arrives (streaming).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextReply), "text")]
[JsonDerivedType(typeof(TableReply), "table")]
[JsonDerivedType(typeof(CatalogReply), "catalog")]
[JsonDerivedType(typeof(DoneReply), "done")]
public abstract record Reply;

/// <summary>A line of free text (a tree line, a confirmation, a note).</summary>
public sealed record TextReply(string Text) : Reply;

/// <summary>Tabular output; every row has one cell per column. Human clients draw a table, scripts get objects.</summary>
public sealed record TableReply(string? Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : Reply;

/// <summary>Everything the host can run: palettes, commands, arguments (for help and tab completion).</summary>
public sealed record CatalogReply(IReadOnlyList<PaletteInfo> Palettes) : Reply;

/// <summary>The last line of every answer.</summary>
public sealed record DoneReply(CommandStatus Status, string? Message = null) : Reply;

public sealed record PaletteInfo(string Name, string Description, IReadOnlyList<CommandInfo> Commands);

/// <param name="ChangesState">True: the host refuses it without the operator token.</param>
public sealed record CommandInfo(string Name, string Description, bool ChangesState, IReadOnlyList<ArgumentInfo> Arguments)
{
    public string Usage(string palette) =>
        string.Join(' ', new[] { palette, Name }.Concat(Arguments.Select(a => a.Usage)));
}

/// <param name="Name">Positional: a placeholder shown as &lt;name&gt;. Option: the long name without dashes.</param>
/// <param name="ShortName">Single letter of an option (<c>-r</c>), if any.</param>
/// <param name="IsFlag">An option without a value.</param>
public sealed record ArgumentInfo(
    string Name,
    string Description,
    bool Positional = false,
    bool Required = false,
    string? ShortName = null,
    bool IsFlag = false,
    string? Default = null)
{
    public string Usage
    {
        get
        {
            var core = Positional ? $"<{Name}>"
                : (ShortName is null ? $"--{Name}" : $"-{ShortName}|--{Name}") + (IsFlag ? "" : $" <{Name}>");
            return Required ? core : $"[{core}]";
        }
    }
}
