using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using V2gActors.Cmd.Chargers;
using V2gActors.Cmd.Fleets;
using V2gActors.Cmd.Protocol;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Hosting;

namespace V2gActors.Cmd.Palettes;

/// <summary>Charging stations: what this node knows, one station's state, and the operator's actions on it.</summary>
public sealed partial class ChargerPalette(ActorRegistry registry, ChargerDirectoryRef directory, EngineOptions engine) : ICommandPalette
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);
    private static readonly ArgumentInfo StationArgument = new("station-id", "the station id", Positional: true, Required: true);

    public PaletteInfo Info { get; } = new("charger", "OCPP charging stations",
    [
        new("list", "stations known on this node (from their entities' notices and the shard region)", false,
            [new("fleet", "only the stations of this fleet's sessions", ShortName: "f")]),
        new("show", "one station's state: registration, connectors, transactions, meter values", false, [StationArgument]),
        new("reset", "sends OCPP Reset to the station and waits for its answer", true,
        [
            StationArgument,
            new("type", "Immediate or OnIdle", ShortName: "t", Default: "Immediate"),
            new("evse", "reset only this EVSE (OCPP 2.x evseId)", ShortName: "e"),
        ]),
        new("profiles", "the charging profiles the station accepted, as the entity records them (no round trip)", false,
        [
            StationArgument,
            new("full", "also print each profile's OCPP JSON", ShortName: "f", IsFlag: true),
        ]),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "list" => ListAsync(context),
        "show" => ShowAsync(context),
        "reset" => ResetAsync(context),
        "profiles" => ProfilesAsync(context),
        _ => Task.FromResult(CommandResult.Usage($"charger has no command {command}.")),
    };

    private async Task<CommandResult> ListAsync(CommandContext context)
    {
        var known = await directory.Directory.Ask<KnownChargers>(ListKnownChargers.Instance, QueryTimeout, context.CancellationToken)
            .ConfigureAwait(false);
        var region = await registry.GetAsync<ChargerRegion>(context.CancellationToken).ConfigureAwait(false);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, QueryTimeout, context.CancellationToken)
            .ConfigureAwait(false);
        var liveHere = state.Shards.SelectMany(s => s.EntityIds).ToHashSet(StringComparer.Ordinal);

        // Entities alive here that sent no notice since the host started (remembered entities after a restart, hand-overs).
        var byId = known.Chargers.ToDictionary(c => c.StationId, StringComparer.Ordinal);
        foreach (var id in liveHere.Where(id => !byId.ContainsKey(id)))
            byId[id] = new KnownCharger(id, false, null, null, null, 0, default);

        if (context.Arguments["fleet"] is { } fleetId)
        {
            if (await new FleetQueries(registry).FindAsync(fleetId, context.CancellationToken).ConfigureAwait(false) is not { } fleet)
                return CommandResult.Failed(FleetQueries.Unknown(fleetId));
            var stations = fleet.Members.Select(m => m.Bounds.StationId).ToHashSet(StringComparer.Ordinal);
            // A member's station this node has not heard from is still listed, with what little is known.
            foreach (var id in stations.Where(id => !byId.ContainsKey(id))) byId[id] = new KnownCharger(id, false, null, null, null, 0, default);
            foreach (var id in byId.Keys.Where(id => !stations.Contains(id)).ToList()) byId.Remove(id);
        }

        var rows = byId.Values.OrderBy(c => c.StationId, StringComparer.Ordinal).Select(c => (IReadOnlyList<string>)
        [
            c.StationId,
            CommandOutputExtensions.Cell(c.Connected),
            c.Model ?? "",
            c.Vendor ?? "",
            c.Registration?.ToString() ?? "",
            c.OpenTransactions.ToString(),
            CommandOutputExtensions.Cell(liveHere.Contains(c.StationId)),
            c.LastNoticeAt == default ? "" : CommandOutputExtensions.Cell(c.LastNoticeAt),
        ]).ToList();
        await context.Output.TableAsync("chargers",
            ["station", "online", "model", "vendor", "registration", "open-tx", "entity-here", "last-notice"], rows).ConfigureAwait(false);
        return CommandResult.Ok($"{rows.Count} station(s), {byId.Values.Count(c => c.Connected)} online");
    }

    private async Task<CommandResult> ShowAsync(CommandContext context)
    {
        var stationId = context.Arguments.Required("station-id");
        var region = await registry.GetAsync<ChargerRegion>(context.CancellationToken).ConfigureAwait(false);
        var view = await region.Ask<ChargerStateView>(new GetChargerState(stationId), QueryTimeout, context.CancellationToken)
            .ConfigureAwait(false);
        if (view.JournalSequenceNr == 0 && !view.Connected)
            return CommandResult.Failed($"Unknown station {stationId}: it never connected (no journaled events).");

        var output = context.Output;
        await output.PropertiesAsync($"charger {stationId}",
        [
            ("connected", view.Connected),
            ("connection", view.ConnectionId),
            ("ocpp", view.Version),
            ("model", view.Station?.Model),
            ("vendor", view.Station?.VendorName),
            ("serial", view.Station?.SerialNumber),
            ("firmware", view.Station?.FirmwareVersion),
            ("registration", view.Registration),
            ("last-boot", view.LastBootAt),
            ("last-heartbeat", view.LastHeartbeatAt),
            ("heartbeat-interval-s", view.HeartbeatIntervalSeconds),
            ("device-model-variables", view.DeviceModelVariableCount),
            ("recent-events", view.RecentEventCount),
            ("security-events", view.SecurityEventCount),
            ("journal-seq-nr", view.JournalSequenceNr),
        ]).ConfigureAwait(false);
        await output.TableAsync("connectors", ["evse", "connector", "status", "since"],
            view.Connectors.Select(c => (IReadOnlyList<string>)
                [c.EvseId.ToString(), c.ConnectorId.ToString(), c.Status, CommandOutputExtensions.Cell(c.Since)])).ConfigureAwait(false);
        // Meter values that arrive inside TransactionEvents live on the transaction, not in the per-EVSE table below.
        await output.TableAsync("open transactions", ["transaction", "evse", "id-token", "started", "charging-state", "power-w", "energy-wh"],
            view.OpenTransactions.Select(t => (IReadOnlyList<string>)
            [
                t.TransactionId, CommandOutputExtensions.Cell(t.EvseId), t.IdToken ?? "",
                CommandOutputExtensions.Cell(t.StartedAt), t.ChargingState ?? "",
                CommandOutputExtensions.Cell(ChargerNoticeFactory.PowerW(t.LatestMeterValues)),
                CommandOutputExtensions.Cell(ChargerNoticeFactory.EnergyWh(t.LatestMeterValues)),
            ])).ConfigureAwait(false);
        await output.TableAsync("latest meter values", ["evse", "power-w", "energy-wh"],
            view.LatestMeterValuesByEvse.OrderBy(kv => kv.Key).Select(kv => (IReadOnlyList<string>)
            [
                kv.Key.ToString(),
                CommandOutputExtensions.Cell(ChargerNoticeFactory.PowerW(kv.Value)),
                CommandOutputExtensions.Cell(ChargerNoticeFactory.EnergyWh(kv.Value)),
            ])).ConfigureAwait(false);
        return CommandResult.Ok($"{view.ClosedTransactions.Length} closed transaction(s) kept");
    }

    private async Task<CommandResult> ResetAsync(CommandContext context)
    {
        var stationId = context.Arguments.Required("station-id");
        var type = context.Arguments.Required("type");
        if (type is not ("Immediate" or "OnIdle")) return CommandResult.Usage($"--type must be Immediate or OnIdle, not '{type}'.");
        int? evse;
        try
        {
            evse = context.Arguments.Int("evse");
        }
        catch (FormatException ex)
        {
            return CommandResult.Usage(ex.Message);
        }

        var payload = new JsonObject { ["type"] = type };
        if (evse is { } id) payload["evseId"] = id;

        var region = await registry.GetAsync<ChargerRegion>(context.CancellationToken).ConfigureAwait(false);
        // The entity answers within its own call timeout (Offline/Timeout included); wait a little longer than that.
        var wait = TimeSpan.FromSeconds(engine.Chargers.CommandTimeoutSeconds) + TimeSpan.FromSeconds(5);
        var done = await region.Ask<ChargerCommandCompleted>(new SendChargerCommand(stationId, "Reset", payload.ToJsonString()), wait,
            context.CancellationToken).ConfigureAwait(false);
        await context.Output.PropertiesAsync($"reset {stationId}",
        [
            ("outcome", done.Outcome),
            ("result", done.ResultJson),
            ("error", done.ErrorCode),
            ("description", done.ErrorDescription),
        ]).ConfigureAwait(false);
        if (!done.Succeeded) return CommandResult.Failed($"Reset of {stationId}: {done.Outcome} {done.ErrorDescription}".TrimEnd());
        // The station accepts, rejects or schedules; only "Accepted" means it is rebooting now.
        return JsonNode.Parse(done.ResultJson ?? "{}")?["status"]?.GetValue<string>() is { } status and not "Accepted"
            ? CommandResult.Failed($"The station answered Reset with {status}.")
            : CommandResult.Ok($"{stationId} accepted the reset");
    }
}
