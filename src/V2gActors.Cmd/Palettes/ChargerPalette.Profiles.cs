using Akka.Actor;
using Akka.Hosting;
using V2gActors.Cmd.Protocol;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Hosting;

namespace V2gActors.Cmd.Palettes;

/// <summary><c>charger profiles</c>: the entity's record of installed charging profiles (GetInstalledChargingProfiles).</summary>
public sealed partial class ChargerPalette
{
    private async Task<CommandResult> ProfilesAsync(CommandContext context)
    {
        var stationId = context.Arguments.Required("station-id");
        var full = context.Arguments.Has("full");
        var region = await registry.GetAsync<ChargerRegion>(context.CancellationToken).ConfigureAwait(false);
        var view = await region.Ask<InstalledChargingProfilesView>(new GetInstalledChargingProfiles(stationId), QueryTimeout,
            context.CancellationToken).ConfigureAwait(false);
        if (view.Profiles.IsEmpty)
        {
            // An empty record is normal for a known station; for a station that never connected, say so (like `show`).
            var state = await region.Ask<ChargerStateView>(new GetChargerState(stationId), QueryTimeout, context.CancellationToken)
                .ConfigureAwait(false);
            if (state.JournalSequenceNr == 0 && !state.Connected)
                return CommandResult.Failed($"Unknown station {stationId}: it never connected (no journaled events).");
        }

        IReadOnlyList<string> columns = ["evse", "id", "stack-level", "purpose", "kind", "operation-mode", "transaction", "installed",
            "dynamic-update", "updated"];
        if (full) columns = [.. columns, "profile"];
        var rows = view.Profiles.Select(p =>
        {
            IReadOnlyList<string> row =
            [
                p.EvseId.ToString(), p.ProfileId.ToString(), p.StackLevel.ToString(), p.Purpose, p.Kind, p.OperationMode ?? "",
                p.TransactionId ?? "", CommandOutputExtensions.Cell(p.InstalledAt), p.DynamicUpdateJson ?? "",
                p.DynamicUpdatedAt is { } at ? CommandOutputExtensions.Cell(at) : "",
            ];
            return full ? [.. row, p.ProfileJson] : row;
        }).ToList();
        await context.Output.TableAsync($"charging profiles of {stationId}", columns, rows).ConfigureAwait(false);
        return CommandResult.Ok($"{rows.Count} installed profile(s)");
    }
}
