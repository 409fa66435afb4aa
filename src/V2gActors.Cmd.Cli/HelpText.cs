using Spectre.Console;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Cli;

/// <summary>Help built from the host's catalog, so it always matches what that node can run.</summary>
public static class HelpText
{
    public static void Palettes(IAnsiConsole console, IReadOnlyList<PaletteInfo> palettes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("palettes").AddColumn("palette").AddColumn("commands").AddColumn("about");
        foreach (var palette in palettes)
            table.AddRow(Markup.Escape(palette.Name), Markup.Escape(string.Join(", ", palette.Commands.Select(c => c.Name))),
                Markup.Escape(palette.Description));
        console.Write(table);
        console.MarkupLine("[grey]help <palette> lists its commands; * marks commands that need the token[/]");
    }

    public static void Palette(IAnsiConsole console, PaletteInfo palette)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{palette.Name}: {palette.Description}"))
            .AddColumn("usage").AddColumn("about");
        foreach (var command in palette.Commands)
        {
            var about = command.Description + string.Concat(command.Arguments.Select(a =>
                $"\n  {a.Usage}: {a.Description}{(a.Default is null ? "" : $" (default {a.Default})")}"));
            table.AddRow(Markup.Escape(command.Usage(palette.Name) + (command.ChangesState ? " *" : "")), Markup.Escape(about));
        }
        console.Write(table);
    }
}
