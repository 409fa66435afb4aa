using Akka.Actor;
using Akka.Hosting;
using V2gActors.Cmd.Protocol;
using V2gActors.Cmd.Sharding;
using V2gActors.Engine.Sessions;

namespace V2gActors.Cmd.Palettes;

/// <summary>Vehicle sessions: the plugged-in EVs the fleets dispatch, their bounds and held setpoints.</summary>
public sealed class SessionPalette(ActorRegistry registry, EntityDirectory entities) : ICommandPalette
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    public PaletteInfo Info { get; } = new("session", "vehicle sessions (one plugged-in EV each)",
    [
        new("list", "every session (running entities and journaled ones) with fleet, station, bounds and held setpoint", false,
            [new("fleet", "only this fleet's sessions", ShortName: "f"), FleetPalette.LimitArgument]),
        new("show", "one session: bounds, energy need, departure, the setpoint it holds", false,
            [new("session-id", "the session id", Positional: true, Required: true)]),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "list" => ListAsync(context),
        "show" => ShowAsync(context),
        _ => Task.FromResult(CommandResult.Usage($"session has no command {command}.")),
    };

    private async Task<CommandResult> ListAsync(CommandContext context)
    {
        var limit = context.Arguments.Int("limit") ?? 200;
        if (limit < 1) return CommandResult.Usage("--limit must be at least 1.");
        var fleet = context.Arguments["fleet"];
        var listing = await entities.ListAsync(VehicleSessionRegion.TypeName, VehicleSessionActor.PersistenceIdFor(""), context.CancellationToken)
            .ConfigureAwait(false);
        var asked = listing.Entities.Take(limit).ToList();
        var views = await Task.WhenAll(asked.Select(e => StateAsync(e.Id, context.CancellationToken))).ConfigureAwait(false);
        var rows = asked.Zip(views, (entry, view) => (Entry: entry, View: view))
            // A session entity without bounds was only started by a query about an unknown id.
            .Where(x => x.View.Bounds is not null && (fleet is null || x.View.Bounds.FleetId == fleet))
            .Select(x => (IReadOnlyList<string>)
            [
                x.Entry.Id,
                CommandOutputExtensions.Cell(x.Entry.Running),
                x.View.Bounds?.FleetId ?? "",
                x.View.Bounds?.StationId ?? "",
                x.View.Bounds?.EvseId.ToString() ?? "",
                x.View.Bounds is { } b ? V2gCells.Percent(b.SocPercent) : "",
                V2gCells.Watts(x.View.Bounds?.MaxChargeW),
                V2gCells.Watts(x.View.Bounds?.MaxDischargeW),
                V2gCells.Watts(x.View.HeldSetpointW),
                V2gCells.Instant(x.View.HeldSince),
            ]).ToList();
        await context.Output.TableAsync(fleet is null ? "sessions" : $"sessions of fleet {fleet}",
            ["session", "running", "fleet", "station", "evse", "soc", "max-charge-w", "max-discharge-w", "held-w", "held-since"], rows)
            .ConfigureAwait(false);
        var registered = views.Count(v => v.Bounds is not null);
        return CommandResult.Ok(fleet is null
            ? FleetPalette.ListingSummary(listing, registered, asked.Count, "session")
            : $"{rows.Count} session(s) in fleet {fleet}; " + FleetPalette.ListingSummary(listing, registered, asked.Count, "session") + " in all");
    }

    private async Task<CommandResult> ShowAsync(CommandContext context)
    {
        var sessionId = context.Arguments.Required("session-id");
        var view = await StateAsync(sessionId, context.CancellationToken).ConfigureAwait(false);
        if (view.Bounds is not { } bounds)
            return CommandResult.Failed($"Unknown session {sessionId}: it was never registered.");

        await context.Output.PropertiesAsync($"session {sessionId}",
        [
            ("fleet", bounds.FleetId),
            ("station", bounds.StationId),
            ("evse", bounds.EvseId),
            ("transaction", bounds.TransactionId),
            ("max-charge-w", V2gCells.Watts(bounds.MaxChargeW)),
            ("max-discharge-w", V2gCells.Watts(bounds.MaxDischargeW)),
            ("soc-percent", V2gCells.Percent(bounds.SocPercent)),
            ("reserve-percent", V2gCells.Percent(bounds.ReservePercent)),
            ("target-soc-percent", V2gCells.Percent(bounds.TargetSocPercent)),
            ("energy-request-wh", V2gCells.Watts(bounds.EnergyRequestWh)),
            ("departure", V2gCells.Instant(bounds.Departure)),
            ("bounds-updated", V2gCells.Instant(bounds.UpdatedAt)),
            ("held-setpoint-w", V2gCells.Watts(view.HeldSetpointW)),
            ("held-dispatch", view.HeldDispatchId),
            ("held-since", V2gCells.Instant(view.HeldSince)),
            ("journal-seq-nr", view.SequenceNr),
        ]).ConfigureAwait(false);
        return CommandResult.Ok();
    }

    private async Task<VehicleSessionView> StateAsync(string sessionId, CancellationToken cancellationToken)
    {
        var sessions = await registry.GetAsync<VehicleSessionRegion>(cancellationToken).ConfigureAwait(false);
        return await sessions.Ask<VehicleSessionView>(new GetVehicleSessionState(sessionId), QueryTimeout, cancellationToken).ConfigureAwait(false);
    }
}
