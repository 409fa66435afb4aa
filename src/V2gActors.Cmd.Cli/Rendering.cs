using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Cli;

/// <summary>Shows reply lines to someone: a person (tables) or a script (JSON).</summary>
public interface IReplyRenderer
{
    void Render(Reply reply);

    /// <summary>Called once per request with its final line.</summary>
    void Finish(DoneReply done);
}

/// <summary>Spectre.Console tables and plain lines; the final message goes to stderr when the command did not succeed.</summary>
public sealed class HumanRenderer(IAnsiConsole console, TextWriter errors) : IReplyRenderer
{
    public static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // Piped output has no terminal width; a wide default keeps table cells (station ids, addresses) unbroken.
        if (Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    }

    public void Render(Reply reply)
    {
        switch (reply)
        {
            case TextReply text:
                console.WriteLine(text.Text);
                break;
            case TableReply table:
                console.Write(ToTable(table));
                break;
            case CatalogReply catalog:
                HelpText.Palettes(console, catalog.Palettes);
                break;
        }
    }

    public void Finish(DoneReply done)
    {
        if (string.IsNullOrEmpty(done.Message)) return;
        if (done.Status == CommandStatus.Ok) console.MarkupLine($"[grey]{Markup.Escape(done.Message)}[/]");
        else errors.WriteLine($"{Label(done.Status)}: {done.Message}");
    }

    private static string Label(CommandStatus status) => status switch
    {
        CommandStatus.Usage => "usage error",
        CommandStatus.Unauthorized => "refused",
        CommandStatus.Unavailable => "unavailable",
        _ => "failed",
    };

    private static Table ToTable(TableReply reply)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (reply.Title is { } title) table.Title(Markup.Escape(title));
        foreach (var column in reply.Columns) table.AddColumn(new TableColumn(Markup.Escape(column)));
        foreach (var row in reply.Rows) table.AddRow(row.Select(cell => Markup.Escape(cell)).ToArray());
        if (reply.Rows.Count == 0) table.Caption("(none)");
        return table;
    }
}

/// <summary>
/// Collects a request's output and prints one JSON document at the end, tables as arrays of objects keyed by column:
/// <c>{"status":"ok","message":"…","output":[{"type":"table","title":"…","rows":[{…}]},{"type":"text","text":"…"}]}</c>.
/// </summary>
public sealed class JsonRenderer(TextWriter output) : IReplyRenderer
{
    private readonly JsonArray _items = [];

    public void Render(Reply reply) => _items.Add(reply switch
    {
        TableReply table => new JsonObject
        {
            ["type"] = "table",
            ["title"] = table.Title,
            ["rows"] = new JsonArray([.. table.Rows.Select(row => (JsonNode)new JsonObject(
                table.Columns.Zip(row, (column, cell) => KeyValuePair.Create(column, (JsonNode?)JsonValue.Create(cell)))))]),
        },
        _ => JsonSerializer.SerializeToNode(reply, ProtocolJson.Options),
    });

    public void Finish(DoneReply done)
    {
        var document = new JsonObject
        {
            ["status"] = JsonSerializer.SerializeToNode(done.Status, ProtocolJson.Options),
            ["message"] = done.Message,
            ["output"] = _items.DeepClone(),
        };
        output.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        _items.Clear();
    }
}
