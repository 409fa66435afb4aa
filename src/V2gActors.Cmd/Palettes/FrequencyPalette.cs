using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using V2gActors.Cmd.Protocol;
using V2gActors.Engine.Grid;

namespace V2gActors.Cmd.Palettes;

/// <summary>
/// A test deviation on this node's frequency feed: a <see cref="FrequencyMeasured"/> reading into GridIngress, as a
/// frequency meter would send it, and optionally the reading it returns to after a while.
/// </summary>
public sealed class FrequencyPalette(ActorSystem system, ActorRegistry registry) : ICommandPalette
{
    public PaletteInfo Info { get; } = new("frequency", "test frequency deviations through GridIngress",
    [
        new("step", "injects a frequency reading (Hz, e.g. 49.8); fleets under droop answer it", true,
        [
            new("hz", "the frequency to inject", Positional: true, Required: true),
            new("duration", "after this long (30s, 2m) return to --back-to; default: hold until the next reading", ShortName: "d"),
            new("back-to", "the frequency to return to after --duration (default: the reading before the step)", ShortName: "b"),
        ]),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "step" => GridPalette.WithIngress(registry, context, StepAsync),
        _ => Task.FromResult(CommandResult.Usage($"frequency has no command {command}.")),
    };

    private async Task<CommandResult> StepAsync(IActorRef grid, CommandContext context)
    {
        var hz = Frequency(context, "hz")!.Value;
        var duration = context.Arguments.Duration("duration");
        var before = await GridPalette.StateAsync(grid, context).ConfigureAwait(false);
        double? backTo = null;
        if (duration is not null)
        {
            backTo = Frequency(context, "back-to") ?? before.LastFrequencyHz;
            if (backTo is null) return CommandResult.Usage("No earlier reading to return to: give --back-to (e.g. 50).");
        }
        else if (context.Arguments["back-to"] is not null) return CommandResult.Usage("--back-to needs --duration.");

        grid.Tell(new FrequencyMeasured(hz, DateTimeOffset.UtcNow));
        if (duration is { } hold)
            system.Scheduler.ScheduleTellOnce(hold, grid, new FrequencyMeasured(backTo!.Value), ActorRefs.NoSender);

        var after = await GridPalette.StateAsync(grid, context).ConfigureAwait(false);
        await GridPalette.WriteFleetsAsync(after, null, context).ConfigureAwait(false);
        var text = hz.ToString(CultureInfo.InvariantCulture);
        return CommandResult.Ok(duration is { } d
            ? $"{text} Hz injected; back to {backTo!.Value.ToString(CultureInfo.InvariantCulture)} Hz at {V2gCells.Instant(DateTimeOffset.UtcNow + d)}"
            : $"{text} Hz injected; it holds until the next reading" + (after.Fleets.IsEmpty ? " (no fleet answers the grid yet: see grid event droop)" : ""));
    }

    /// <summary>A plausible grid frequency: a typo such as 498 must not reach the fleets.</summary>
    private static double? Frequency(CommandContext context, string name) =>
        context.Arguments.Double(name) is { } hz
            ? hz is > 0 and < 100 ? hz : throw new FormatException($"{name} must be a grid frequency in Hz (0 < f < 100), not {hz}.")
            : null;
}
