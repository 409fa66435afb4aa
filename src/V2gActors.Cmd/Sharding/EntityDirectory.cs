using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using V2gActors.Engine.Persistence;

namespace V2gActors.Cmd.Sharding;

/// <summary>
/// The ids of one kind of sharded, persistent entity, cluster-wide: the ids running now (every region's
/// <see cref="GetShardRegionState"/>, found through <see cref="GetCurrentRegions"/>) plus the ids that have a journal
/// but are passivated (the read journal's current persistence ids with the entity's prefix, e.g. <c>fleet-</c>).
/// </summary>
public sealed class EntityDirectory(ActorSystem system)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    public async Task<EntityListing> ListAsync(string typeName, string persistenceIdPrefix, CancellationToken cancellationToken)
    {
        var sharding = ClusterSharding.Get(system);
        var region = sharding.ShardRegion(typeName);
        var current = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, QueryTimeout, cancellationToken).ConfigureAwait(false);
        var self = Akka.Cluster.Cluster.Get(system).SelfAddress;

        // Each node answers for its own shards; a node that does not answer is counted, not fatal.
        var states = await Task.WhenAll(current.Regions.Select(async address =>
        {
            try
            {
                var state = address.Equals(self)
                    ? await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, QueryTimeout, cancellationToken).ConfigureAwait(false)
                    : await system.ActorSelection(new RootActorPath(address) / "system" / "sharding" / typeName)
                        .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, QueryTimeout, cancellationToken).ConfigureAwait(false);
                return (Ids: state.Shards.SelectMany(s => s.EntityIds).ToList(), Failed: state.Failed?.Count ?? 0, Answered: true);
            }
            catch (AskTimeoutException)
            {
                return (Ids: new List<string>(), Failed: 0, Answered: false);
            }
        })).ConfigureAwait(false);
        var running = states.SelectMany(s => s.Ids).ToHashSet(StringComparer.Ordinal);

        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(PersistenceSetup.QueryPluginId);
        var persisted = await journal.CurrentPersistenceIds()
            .Where(id => id.StartsWith(persistenceIdPrefix, StringComparison.Ordinal))
            .Select(id => id[persistenceIdPrefix.Length..])
            .RunWith(Sink.Seq<string>(), system.Materializer())
            .WaitAsync(QueryTimeout, cancellationToken).ConfigureAwait(false);

        var ids = running.Concat(persisted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => new EntityEntry(id, running.Contains(id))).ToList();
        return new EntityListing(ids, states.Count(s => !s.Answered) + states.Sum(s => s.Failed));
    }
}

/// <param name="Running">The entity is alive in some region now (otherwise it only has a journal).</param>
public sealed record EntityEntry(string Id, bool Running);

/// <param name="Unanswered">Regions or shards that did not answer: their running entities may be missing.</param>
public sealed record EntityListing(IReadOnlyList<EntityEntry> Entities, int Unanswered);
