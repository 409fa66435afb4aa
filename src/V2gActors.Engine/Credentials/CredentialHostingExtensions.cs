using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Persistence;

namespace V2gActors.Engine.Credentials;

public static class CredentialHostingExtensions
{
    /// <summary>
    /// Registers the rotated-station directory (registry key <see cref="RotatedStationRegion"/>) and the station
    /// credential shard region (registry key <see cref="StationCredentialRegion"/>). Needs the charger region registered
    /// before it (rotation sends SetVariables through the charger entity).
    /// </summary>
    public static AkkaConfigurationBuilder AddV2gCredentials(this AkkaConfigurationBuilder builder, int numberOfShards) =>
        builder
            .WithShardRegion<RotatedStationRegion>(
                RotatedStationRegion.TypeName,
                (system, _) =>
                {
                    // One scan per node shared by its 64 buckets (they all start at once, with the node): 64 concurrent
                    // scans of the journal timed out under a boot storm and held the upgrades waiting on the buckets.
                    var listing = new SharedAttempt<IReadOnlyCollection<string>>(() => ListCredentialJournals(system));
                    return bucket => RotatedStationDirectoryActor.Props(bucket, listing.Get);
                },
                new RotatedStationMessageExtractor(),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopRotatedStationDirectory.Instance })
            // Start every bucket with the node rather than on the first connects: a cold bucket recovers and (once
            // ever) lists the credential journals, seconds under load, and a boot storm right after a restart would
            // otherwise queue all its upgrades behind that (and fail closed after the validator's timeout).
            .WithActors((_, registry) =>
            {
                var directory = registry.Get<RotatedStationRegion>();
                for (var bucket = 0; bucket < RotatedStationMessageExtractor.Buckets; bucket++)
                    directory.Tell(new ShardRegion.StartEntity(bucket.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            })
            .WithShardRegion<StationCredentialRegion>(
                StationCredentialRegion.TypeName,
                (_, registry) => stationId =>
                    StationCredentialActor.Props(stationId, registry.Get<ChargerRegion>(), registry.Get<RotatedStationRegion>()),
                new StationCredentialMessageExtractor(numberOfShards),
                new ShardOptions { StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopStationCredential.Instance });

    /// <summary>Station ids with a credential journal (one scan of the journal's persistence ids).</summary>
    private static async Task<IReadOnlyCollection<string>> ListCredentialJournals(ActorSystem system)
    {
        const string prefix = StationCredentialActor.PersistenceIdPrefix;
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(PersistenceSetup.QueryPluginId);
        return await journal.CurrentPersistenceIds()
            .Where(id => id.StartsWith(prefix, StringComparison.Ordinal))
            .Select(id => id[prefix.Length..])
            .RunWith(Sink.Seq<string>(), system.Materializer())
            .ConfigureAwait(false);
    }
}
