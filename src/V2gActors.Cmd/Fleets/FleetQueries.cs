using Akka.Actor;
using Akka.Hosting;
using V2gActors.Engine.Fleets;

namespace V2gActors.Cmd.Fleets;

/// <summary>Asks fleet entities for their state, for every palette that needs a fleet (fleet, dispatch, charger --fleet).</summary>
public sealed class FleetQueries(ActorRegistry registry)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The fleet's view, or null when no such fleet exists (nothing journaled, no members): asking wakes the entity.</summary>
    public async Task<FleetStateView?> FindAsync(string fleetId, CancellationToken cancellationToken)
    {
        var view = await StateAsync(fleetId, cancellationToken).ConfigureAwait(false);
        return Exists(view) ? view : null;
    }

    /// <summary>An entity started only because someone asked about an unknown id is not a fleet.</summary>
    public static bool Exists(FleetStateView view) => view.SequenceNr > 0 || !view.Members.IsEmpty;

    public async Task<FleetStateView> StateAsync(string fleetId, CancellationToken cancellationToken)
    {
        var fleets = await registry.GetAsync<FleetRegion>(cancellationToken).ConfigureAwait(false);
        return await fleets.Ask<FleetStateView>(new GetFleetState(fleetId), QueryTimeout, cancellationToken).ConfigureAwait(false);
    }

    public static string Unknown(string fleetId) => $"Unknown fleet {fleetId}: it has no members and nothing journaled.";
}
