using V2gActors.Engine.Chargers;
using V2gActors.Simulators.Chargers;
using V2gActors.TestSupport.Postgres;

namespace V2gActors.Integration.Tests;

/// <summary>
/// Stop the node, start a new one on the same database: every charger's state (boot info, registration, transactions
/// with meter values, device model) comes back from the journal and snapshots.
/// </summary>
public sealed class RecoveryTests(PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public Task Restarting_on_the_same_sqlite_file_recovers_every_charger() =>
        RestartRecovers(TempFiles.SqlitePath() is var file ? new Dictionary<string, string?>
        {
            ["V2g:Persistence:Provider"] = "Sqlite",
            ["V2g:Persistence:ConnectionString"] = $"Data Source={file}",
        } : null!);

    [Fact]
    public Task Restarting_on_the_same_postgresql_database_recovers_every_charger() =>
        RestartRecovers(new Dictionary<string, string?>
        {
            ["V2g:Persistence:Provider"] = "PostgreSql",
            ["V2g:Persistence:ConnectionString"] = postgres.ConnectionString,
        });

    private static async Task RestartRecovers(Dictionary<string, string?> persistence)
    {
        var stations = Enumerable.Range(0, 8).Select(i => $"REC-{i:D3}").ToArray();
        var before = new Dictionary<string, ChargerStateView>();

        await using (var node = await TestNode.StartAsync(persistence))
        {
            var chargers = stations.Select(s => new SimulatedCharger(s, node.SimulatorOptions())).ToList();
            chargers.ForEach(c => c.Start());
            await Eventually.HoldsAsync(async () =>
            {
                foreach (var s in stations)
                {
                    var st = await node.StateAsync(s);
                    if (st.ClosedTransactions.Length == 0 || st.DeviceModelVariableCount == 0) return false;
                }
                return true;
            }, TimeSpan.FromSeconds(60));
            // Stations go away first, so nothing changes between the snapshot of expectations and the stop.
            await Task.WhenAll(chargers.Select(c => c.DisposeAsync().AsTask()));
            await Task.Delay(500);
            foreach (var s in stations) before[s] = await node.StateAsync(s);
        }

        await using (var node = await TestNode.StartAsync(persistence))
        {
            foreach (var s in stations)
            {
                var after = await node.StateAsync(s);
                var expected = before[s];
                Assert.False(after.Connected);
                Assert.Equal(expected.Registration, after.Registration);
                Assert.Equal(expected.Station, after.Station);
                Assert.Equal(expected.LastBootAt, after.LastBootAt);
                Assert.Equal(expected.DeviceModelVariableCount, after.DeviceModelVariableCount);
                Assert.Equal(expected.ClosedTransactions.Select(t => t.TransactionId), after.ClosedTransactions.Select(t => t.TransactionId));
                Assert.Equal(expected.OpenTransactions.Select(t => t.TransactionId), after.OpenTransactions.Select(t => t.TransactionId));
                Assert.Equal(expected.ClosedTransactions.Sum(t => t.LatestMeterValues.Length + t.LastSeqNo), after.ClosedTransactions.Sum(t => t.LatestMeterValues.Length + t.LastSeqNo));
                Assert.Equal(expected.JournalSequenceNr, after.JournalSequenceNr);
            }
        }
    }
}
