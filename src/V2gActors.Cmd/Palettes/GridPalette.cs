using System.Collections.Immutable;
using Akka.Actor;
using Akka.Hosting;
using V2gActors.Cmd.Fleets;
using V2gActors.Cmd.Protocol;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Grid;

namespace V2gActors.Cmd.Palettes;

/// <summary>
/// Test controls injected into this node's <see cref="GridIngressActor"/> through its own messages, as if a grid adapter
/// (2030.5 client, OCPP SetDERControl) had received them: fleet target, power limits, frequency droop.
/// </summary>
public sealed class GridPalette(ActorRegistry registry, FleetQueries fleets) : ICommandPalette
{
    private static readonly ArgumentInfo FleetsArgument =
        new("fleet-ids", "the fleet, or several separated by commas", Positional: true, Required: true);

    // Every control has a window; a control with the same id and kind replaces the earlier one (2030.5 / OCPP re-send).
    private static readonly ArgumentInfo[] WindowArguments =
    [
        new("duration", "how long the control applies (30s, 15m, 2h, forever)", ShortName: "d", Default: "15m"),
        new("priority", "lower wins (2030.5 primacy, OCPP priority)", ShortName: "p", Default: "1"),
        new("id", "control id (default cli-<kind>; the same id replaces the earlier control)", ShortName: "i"),
    ];

    public PaletteInfo Info { get; } = new("grid", "test grid controls through GridIngress (target, limits, droop)",
    [
        new("show", "GridIngress on this node: last frequency, fleets answering the grid, their last target", false, []),
        new("event target", "a fleet target control (W, import positive, negative = export)", true,
            [FleetsArgument, new("watts", "the target in W, e.g. -20000", Positional: true, Required: true), .. WindowArguments]),
        new("event limits", "import/export caps for the fleets (at least one)", true,
        [
            FleetsArgument,
            new("max-import-w", "charging cap in W (opModImpLimW)"),
            new("max-export-w", "the fleet's discharge cap in W (opModMaxLimW)"),
            new("export-limit-w", "net export cap at the connection point in W (opModExpLimW)"),
            .. WindowArguments,
        ]),
        new("event droop", "frequency droop: the fleets' target follows the frequency around nominal", true,
        [
            FleetsArgument,
            new("nominal-hz", "nominal frequency", Default: "50"),
            new("deadband-hz", "no response within ± this of nominal", Default: "0.02"),
            new("droop", "per-unit droop (0.05 = 5 % frequency change moves power by 100 % of the reference)", Default: "0.05"),
            new("reference-w", "the fleets' reference power (rated capability) for droop; sets their grid assignment"),
            .. WindowArguments,
        ]),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "show" => WithIngress(context, ShowAsync),
        "event target" => WithIngress(context, (grid, c) => ControlAsync(grid, c, "target",
            (id, window) => new FleetTargetControl(id, window, new Watts(c.Arguments.Double("watts")!.Value)))),
        "event limits" => WithIngress(context, LimitsAsync),
        "event droop" => WithIngress(context, DroopAsync),
        _ => Task.FromResult(CommandResult.Usage($"grid has no command {command}.")),
    };

    /// <summary>GridIngress is local to each node and absent from nodes that do not run dispatch.</summary>
    internal static Task<CommandResult> WithIngress(ActorRegistry registry, CommandContext context,
        Func<IActorRef, CommandContext, Task<CommandResult>> command) =>
        registry.TryGet<GridIngressActor>(out var grid)
            ? command(grid, context)
            : Task.FromResult(CommandResult.Unavailable("No GridIngress runs on this node (nothing is registered under GridIngressActor)."));

    private Task<CommandResult> WithIngress(CommandContext context, Func<IActorRef, CommandContext, Task<CommandResult>> command) =>
        WithIngress(registry, context, command);

    private static async Task<CommandResult> ShowAsync(IActorRef grid, CommandContext context)
    {
        var view = await StateAsync(grid, context).ConfigureAwait(false);
        await WriteFleetsAsync(view, null, context).ConfigureAwait(false);
        return CommandResult.Ok($"last frequency: {(view.LastFrequencyHz is { } hz ? $"{hz.ToString(System.Globalization.CultureInfo.InvariantCulture)} Hz" : "none")}");
    }

    private Task<CommandResult> LimitsAsync(IActorRef grid, CommandContext context)
    {
        var arguments = context.Arguments;
        Watts? Cap(string name) => arguments.Double(name) is { } w
            ? w >= 0 ? new Watts(w) : throw new FormatException($"--{name} is a magnitude (0 or more), not {w}.")
            : null;
        var limits = new PowerLimits(Cap("max-import-w"), Cap("max-export-w"), Cap("export-limit-w"));
        if (limits == PowerLimits.None)
            return Task.FromResult(CommandResult.Usage("Give at least one of --max-import-w, --max-export-w, --export-limit-w."));
        return ControlAsync(grid, context, "limits", (id, window) => new PowerLimitControl(id, window, limits));
    }

    private Task<CommandResult> DroopAsync(IActorRef grid, CommandContext context)
    {
        var arguments = context.Arguments;
        var deadband = new Hertz(arguments.Double("deadband-hz")!.Value);
        var perUnit = arguments.Double("droop")!.Value;
        var droop = new FrequencyDroop(new Hertz(arguments.Double("nominal-hz")!.Value), deadband, deadband, perUnit, perUnit, TimeSpan.Zero);
        if (droop.Validate() is { } problem) return Task.FromResult(CommandResult.Usage($"Not a droop: {problem}."));
        var reference = arguments.Double("reference-w");
        if (reference is not null and not > 0) return Task.FromResult(CommandResult.Usage("--reference-w must be positive."));
        return ControlAsync(grid, context, "droop", (id, window) => new FrequencyDroopControl(id, window, droop), reference);
    }

    /// <summary>
    /// Sends the control as GridControlReceived (after assigning the fleets to the grid with <paramref name="referenceW"/>
    /// when given), then shows what GridIngress made of it for those fleets.
    /// </summary>
    private async Task<CommandResult> ControlAsync(IActorRef grid, CommandContext context, string kind,
        Func<string, ControlWindow, GridControl> control, double? referenceW = null)
    {
        var arguments = context.Arguments;
        var fleetIds = FleetIds(context);
        if (fleetIds.IsEmpty) return CommandResult.Usage("Name at least one fleet.");
        var priority = arguments.Int("priority")!.Value;
        var window = arguments.Duration("duration") is { } duration
            ? new ControlWindow(DateTimeOffset.UtcNow, duration, priority)
            : ControlWindow.Default(priority);
        var controlId = arguments["id"] ?? $"cli-{kind}";
        var built = control(controlId, window);
        // Values are checked first (usage errors), then the fleets: a typo would otherwise make GridIngress dispatch to
        // (and so create) a fleet that does not exist.
        foreach (var fleetId in fleetIds)
            if (await fleets.FindAsync(fleetId, context.CancellationToken).ConfigureAwait(false) is null)
                return CommandResult.Failed(FleetQueries.Unknown(fleetId));

        if (referenceW is { } reference)
            foreach (var fleetId in fleetIds) grid.Tell(new AssignFleetToGrid(fleetId, reference));
        grid.Tell(new GridControlReceived(fleetIds, built));
        // GridIngress handles messages in order: this state already includes the control.
        var view = await StateAsync(grid, context).ConfigureAwait(false);
        await WriteFleetsAsync(view, fleetIds, context).ConfigureAwait(false);
        var until = window.Duration == TimeSpan.MaxValue ? "no end" : $"until {V2gCells.Instant(window.End)}";
        return CommandResult.Ok($"{kind} control {controlId} (priority {priority}, {until}) sent to {string.Join(", ", fleetIds)}");
    }

    private static ImmutableArray<string> FleetIds(CommandContext context) =>
        [.. context.Arguments.Required("fleet-ids").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    internal static Task<GridIngressView> StateAsync(IActorRef grid, CommandContext context) =>
        grid.Ask<GridIngressView>(GetGridIngressState.Instance, TimeSpan.FromSeconds(10), context.CancellationToken);

    /// <summary>The fleets GridIngress knows (or only <paramref name="only"/>), with the target it last sent them.</summary>
    internal static Task WriteFleetsAsync(GridIngressView view, IReadOnlyCollection<string>? only, CommandContext context) =>
        context.Output.TableAsync("fleets answering the grid", ["fleet", "reference-w", "last-target-w", "controls"],
            view.Fleets.Where(f => only is null || only.Contains(f.FleetId)).Select(f => (IReadOnlyList<string>)
                [f.FleetId, V2gCells.Watts(f.ReferencePowerW), V2gCells.Watts(f.LastSentTargetW), f.Controls.ToString()]));
}
