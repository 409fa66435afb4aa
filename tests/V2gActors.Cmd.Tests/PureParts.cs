using System.Text;
using V2gActors.Cmd.Completion;
using V2gActors.Cmd.Palettes;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Tests;

/// <summary>The parts that need no node: completion, argument parsing, framing, token gate.</summary>
public sealed class PureParts
{
    private static readonly PaletteInfo[] Palettes =
    [
        new("cluster", "", [new("show", "", false, []), new("status", "", false, []), new("down-unreachable", "", true, [])]),
        new("cluster-sharding", "", [new("region-stats", "", false, [new("region", "", Required: true, ShortName: "r")])]),
        new("charger", "", [new("reset", "", true, [new("station-id", "", Positional: true, Required: true), new("type", "", ShortName: "t", Default: "Immediate")])]),
        new("grid", "",
        [
            new("show", "", false, []),
            new("event target", "", true, [new("fleet-ids", "", Positional: true, Required: true), new("watts", "", Positional: true, Required: true),
                new("priority", "", ShortName: "p", Default: "1")]),
            new("event limits", "", true, [new("fleet-ids", "", Positional: true, Required: true), new("max-import-w", "")]),
        ]),
    ];

    private readonly CommandCompleter _completer = new(Palettes, ["help", "exit", "quit"]);

    [Theory]
    [InlineData("", "")]                              // nothing unique yet
    [InlineData("ch", "charger ")]
    [InlineData("cl", "cluster")]                     // cluster / cluster-sharding: common prefix
    [InlineData("cluster-s", "cluster-sharding ")]
    [InlineData("cluster s", "cluster s")]            // show / status share only "s"
    [InlineData("cluster sh", "cluster show ")]
    [InlineData("cluster-sharding region-stats --r", "cluster-sharding region-stats --region ")]
    [InlineData("help cha", "help charger ")]
    [InlineData("nothing", "nothing")]
    [InlineData("grid e", "grid event ")]             // first word of a multi-word command name
    [InlineData("grid event t", "grid event target ")]
    [InlineData("grid event target F 10 --pr", "grid event target F 10 --priority ")]
    public void Tab_completes_palettes_then_commands_then_options(string typed, string expected) =>
        Assert.Equal(expected, _completer.Complete(typed));

    [Fact]
    public void Candidates_list_every_choice_for_the_word_being_typed()
    {
        Assert.Equal(["charger", "cluster", "cluster-sharding", "exit", "grid", "help", "quit"], _completer.Candidates(""));
        Assert.Equal(["down-unreachable", "show", "status"], _completer.Candidates("cluster "));
        Assert.Equal(["event", "show"], _completer.Candidates("grid "));
        Assert.Equal(["limits", "target"], _completer.Candidates("grid event "));
        Assert.Equal(["--max-import-w"], _completer.Candidates("grid event limits F "));
    }

    [Fact]
    public void Multi_word_command_names_are_found_by_their_longest_match()
    {
        var grid = Palettes[3];
        var (command, length) = CommandLookup.Find(grid, ["event", "target", "F", "-3000"])!.Value;
        Assert.Equal(("event target", 2), (command.Name, length));
        Assert.Equal("show", CommandLookup.Find(grid, ["SHOW"])!.Value.Command.Name);
        Assert.Null(CommandLookup.Find(grid, ["event"]));
        Assert.Equal(["target", "limits"], CommandLookup.NextNameWords(grid, ["event"]));
        Assert.Equal("grid event target <fleet-ids> <watts> [-p|--priority <priority>]", command.Usage("grid"));
    }

    [Fact]
    public void Negative_numbers_are_values_not_options()
    {
        var target = Palettes[3].Commands[1];
        var parsed = ArgumentParser.Parse(target, ["F", "-30000", "-p", "0"]).Arguments!;
        Assert.Equal(-30000, parsed.Double("watts"));
        Assert.Equal(0, parsed.Int("priority"));
        Assert.Throws<FormatException>(() => ArgumentParser.Parse(target, ["F", "lots"]).Arguments!.Double("watts"));
        Assert.Contains("Unknown option", ArgumentParser.Parse(target, ["F", "1", "-x"]).Problem);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("45", 45)]
    [InlineData("00:15:00", 900)]
    [InlineData("1.5m", 90)]
    public void Durations_parse_as_operators_type_them(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5m")]
    [InlineData("0s")]
    [InlineData("10 parsecs")]
    public void Malformed_durations_are_refused(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void Forever_is_a_duration_without_end_and_formats_back()
    {
        Assert.True(DurationText.TryParse("forever", out var forever));
        Assert.Null(forever);
        Assert.Equal("forever", DurationText.Format(null));
        Assert.Equal("15m", DurationText.Format(TimeSpan.FromMinutes(15)));
        Assert.Equal("90s", DurationText.Format(TimeSpan.FromSeconds(90)));
        Assert.Equal("2h", DurationText.Format(TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Arguments_parse_positionals_short_long_and_inline_options_with_defaults()
    {
        var reset = Palettes[2].Commands[0];
        var parsed = ArgumentParser.Parse(reset, ["CP-1", "-t", "OnIdle"]).Arguments!;
        Assert.Equal("CP-1", parsed["station-id"]);
        Assert.Equal("OnIdle", parsed["type"]);
        Assert.Equal("Immediate", ArgumentParser.Parse(reset, ["CP-1"]).Arguments!["type"]);
        Assert.Equal("OnIdle", ArgumentParser.Parse(reset, ["--type=OnIdle", "CP-1"]).Arguments!["type"]);

        Assert.Contains("Missing <station-id>", ArgumentParser.Parse(reset, []).Problem);
        Assert.Contains("Unknown option", ArgumentParser.Parse(reset, ["CP-1", "--force"]).Problem);
        Assert.Contains("needs a value", ArgumentParser.Parse(reset, ["CP-1", "-t"]).Problem);
        Assert.Contains("Unexpected argument", ArgumentParser.Parse(reset, ["CP-1", "CP-2"]).Problem);
    }

    [Fact]
    public async Task Line_reader_splits_lines_and_stops_at_the_bound()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("one\r\ntwo\n" + new string('x', 100) + "\n"));
        var reader = new BoundedLineReader(stream, 50);
        Assert.Equal("one", (await reader.ReadLineAsync(default)).Text);
        Assert.Equal("two", (await reader.ReadLineAsync(default)).Text);
        Assert.True((await reader.ReadLineAsync(default)).IsTooLong);

        var end = new BoundedLineReader(new MemoryStream(), 50);
        Assert.True((await end.ReadLineAsync(default)).IsEndOfStream);
    }

    [Fact]
    public void Token_gate_refuses_missing_and_wrong_tokens_and_everything_when_unconfigured()
    {
        var gate = new V2gActors.Cmd.Host.TokenGate("s3cret");
        Assert.Null(gate.Refusal("s3cret"));
        Assert.NotNull(gate.Refusal(null));
        Assert.NotNull(gate.Refusal("S3CRET"));
        Assert.Contains("disabled", new V2gActors.Cmd.Host.TokenGate("").Refusal("anything"));
    }

    [Fact]
    public void Replies_round_trip_through_the_wire_format()
    {
        var table = new TableReply("t", ["a", "b"], [["1", "2"]]);
        var back = Assert.IsType<TableReply>(ProtocolJson.ParseReply(ProtocolJson.Line(table)));
        Assert.Equal(["1", "2"], back.Rows[0]);
        var done = ProtocolJson.Line(new DoneReply(CommandStatus.Unauthorized, "no"));
        Assert.Contains("\"type\":\"done\"", done);
        Assert.Contains("\"status\":\"unauthorized\"", done);
    }
}
