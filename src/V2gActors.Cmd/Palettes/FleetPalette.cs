using Akka.Actor;
using Akka.Hosting;
using V2gActors.Cmd.Fleets;
using V2gActors.Cmd.Protocol;
using V2gActors.Cmd.Sharding;
using V2gActors.Engine.Fleets;

namespace V2gActors.Cmd.Palettes;

/// <summary>Fleets: which exist, one fleet's target vs actual and members, and an operator target.</summary>
public sealed class FleetPalette(ActorRegistry registry, EntityDirectory entities, FleetQueries fleets) : ICommandPalette
{
    private static readonly ArgumentInfo FleetArgument = new("fleet-id", "the fleet id", Positional: true, Required: true);

    /// <summary>How many entities a list asks for their state (each ask wakes a passivated entity).</summary>
    internal static readonly ArgumentInfo LimitArgument = new("limit", "list at most this many", ShortName: "l", Default: "200");

    public PaletteInfo Info { get; } = new("fleet", "fleets of vehicle sessions and their targets",
    [
        new("list", "every fleet (running entities and journaled ones) with target, allocated, held and actual power", false, [LimitArgument]),
        new("show", "one fleet: active target, target vs allocated vs held vs actual power, members", false, [FleetArgument]),
        new("target", "dispatches a fleet target (W, import positive, negative = discharge) and prints the allocation", true,
        [
            FleetArgument,
            new("watts", "the target in W; negative discharges, e.g. -30000", Positional: true, Required: true),
            new("duration", "how long the target holds (30s, 15m, 2h, forever)", ShortName: "d", Default: "forever"),
        ]),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "list" => ListAsync(context),
        "show" => ShowAsync(context),
        "target" => TargetAsync(context),
        _ => Task.FromResult(CommandResult.Usage($"fleet has no command {command}.")),
    };

    private async Task<CommandResult> ListAsync(CommandContext context)
    {
        var limit = context.Arguments.Int("limit") ?? 200;
        if (limit < 1) return CommandResult.Usage("--limit must be at least 1.");
        var listing = await entities.ListAsync(FleetRegion.TypeName, FleetActor.PersistenceIdFor(""), context.CancellationToken)
            .ConfigureAwait(false);
        var shown = listing.Entities.Take(limit).ToList();
        var views = await Task.WhenAll(shown.Select(e => fleets.StateAsync(e.Id, context.CancellationToken))).ConfigureAwait(false);
        var found = shown.Zip(views, (entry, view) => (Entry: entry, View: view)).Where(x => FleetQueries.Exists(x.View)).ToList();
        await context.Output.TableAsync("fleets",
            ["fleet", "running", "members", "target-w", "allocated-w", "held-w", "actual-w", "source", "until", "dispatches"],
            found.Select(x => (IReadOnlyList<string>)
            [
                x.Entry.Id,
                CommandOutputExtensions.Cell(x.Entry.Running),
                x.View.Members.Length.ToString(),
                V2gCells.Watts(x.View.TargetW),
                V2gCells.Watts(x.View.AllocatedW),
                V2gCells.Watts(x.View.HeldW),
                V2gCells.Watts(x.View.ActualW),
                x.View.ActiveTarget?.Source ?? "",
                x.View.ActiveTarget is { } active ? (active.Until is { } until ? V2gCells.Instant(until) : "forever") : "",
                x.View.RecentDispatches.Length.ToString(),
            ])).ConfigureAwait(false);
        return CommandResult.Ok(ListingSummary(listing, found.Count, shown.Count, "fleet"));
    }

    /// <summary>
    /// "3 fleet(s)", plus what was left out or could not be asked. <paramref name="asked"/> ids were asked for their state
    /// and <paramref name="found"/> of them exist (an entity started by a query about an unknown id does not).
    /// </summary>
    internal static string ListingSummary(EntityListing listing, int found, int asked, string noun) =>
        $"{found} {noun}(s)" +
        (asked < listing.Entities.Count ? $"; only the first {asked} of {listing.Entities.Count} ids were asked (--limit)" : "") +
        (listing.Unanswered > 0 ? $"; {listing.Unanswered} region(s)/shard(s) did not answer, running entities there may be missing" : "");

    private async Task<CommandResult> ShowAsync(CommandContext context)
    {
        var fleetId = context.Arguments.Required("fleet-id");
        if (await fleets.FindAsync(fleetId, context.CancellationToken).ConfigureAwait(false) is not { } view)
            return CommandResult.Failed(FleetQueries.Unknown(fleetId));

        var active = view.ActiveTarget;
        await context.Output.PropertiesAsync($"fleet {fleetId}",
        [
            ("target-w", V2gCells.Watts(view.TargetW)),
            ("allocated-w", V2gCells.Watts(view.AllocatedW)),
            ("held-w", V2gCells.Watts(view.HeldW)),
            ("actual-w", V2gCells.Watts(view.ActualW)),
            ("active-dispatch", active?.DispatchId),
            ("source", active?.Source),
            ("since", active is null ? null : V2gCells.Instant(active.Since)),
            ("duration", active is null ? null : DurationText.Format(active.Duration)),
            ("members", view.Members.Length),
            ("dispatches-kept", view.RecentDispatches.Length),
            ("journal-seq-nr", view.SequenceNr),
        ]).ConfigureAwait(false);
        await context.Output.TableAsync("members",
            ["session", "station", "evse", "max-charge-w", "max-discharge-w", "soc", "held-w", "commanded-w", "profile", "metered-w", "metered-at"],
            view.Members.OrderBy(m => m.Bounds.SessionId, StringComparer.Ordinal).Select(m => (IReadOnlyList<string>)
            [
                m.Bounds.SessionId,
                m.Bounds.StationId,
                m.Bounds.EvseId.ToString(),
                V2gCells.Watts(m.Bounds.MaxChargeW),
                V2gCells.Watts(m.Bounds.MaxDischargeW),
                V2gCells.Percent(m.Bounds.SocPercent),
                V2gCells.Watts(m.HeldSetpointW),
                V2gCells.Watts(m.CommandedSetpointW),
                CommandOutputExtensions.Cell(m.ProfileInstalled),
                V2gCells.Watts(m.MeteredW),
                V2gCells.Instant(m.MeteredAt),
            ])).ConfigureAwait(false);
        return CommandResult.Ok($"{view.Members.Length} member(s); `dispatch history {fleetId}` shows the dispatch log");
    }

    private async Task<CommandResult> TargetAsync(CommandContext context)
    {
        var fleetId = context.Arguments.Required("fleet-id");
        var watts = context.Arguments.Double("watts")!.Value;
        var duration = context.Arguments.Duration("duration");
        // A target for a fleet that does not exist would create an empty, journaled fleet: refuse it instead.
        if (await fleets.FindAsync(fleetId, context.CancellationToken).ConfigureAwait(false) is null)
            return CommandResult.Failed(FleetQueries.Unknown(fleetId));

        var region = await registry.GetAsync<FleetRegion>(context.CancellationToken).ConfigureAwait(false);
        var answer = await region.Ask<object>(new DispatchFleetTarget(fleetId, watts, duration, "operator", DateTimeOffset.UtcNow),
            TimeSpan.FromSeconds(10), context.CancellationToken).ConfigureAwait(false);
        switch (answer)
        {
            case FleetTargetDispatched dispatched:
                await context.Output.PropertiesAsync($"target {fleetId}",
                [
                    ("dispatch", dispatched.DispatchId),
                    ("target-w", V2gCells.Watts(dispatched.TargetW)),
                    ("allocated-w", V2gCells.Watts(dispatched.AllocatedW)),
                    ("frames", dispatched.Frames),
                    ("duration", DurationText.Format(duration)),
                ]).ConfigureAwait(false);
                return CommandResult.Ok($"{fleetId}: {V2gCells.Watts(dispatched.TargetW)} W dispatched as {dispatched.DispatchId} " +
                    $"({dispatched.Frames} frame(s)); acknowledgements arrive in `dispatch history {fleetId}`");
            case FleetTargetRefused refused:
                return CommandResult.Failed($"{fleetId} refused the target: {refused.Reason}");
            default:
                return CommandResult.Failed($"{fleetId} answered {answer.GetType().Name}.");
        }
    }
}
