using System.Text.Json;
using Akka.Actor;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Persistence;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;
using V2gActors.TestSupport.Postgres;

namespace V2gActors.Engine.Tests.Persistence;

/// <summary>
/// Stop a whole node, start a new one on the same database: the charger's state is back, from snapshot + journal,
/// and a retried TransactionEvent is still recognised as a duplicate.
/// </summary>
public abstract class RecoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    protected abstract PersistenceOptions Persistence { get; }

    /// <summary>Rows in the snapshot store for one persistence id (default table mapping: "snapshot").</summary>
    protected abstract Task<long> CountSnapshotsAsync(string persistenceId);

    private static async Task<JsonElement> CallAsync(EngineNode node, string stationId, string messageId, string action, string json)
    {
        // The Ask's temporary actor stands in for the connection actor: the entity answers through it.
        var reply = await node.Chargers.Ask<object>(
            replyTo => new OcppCallReceived(stationId, "conn-1", OcppVersion.V21, messageId, action, OcppSamples.Utf8(json), replyTo),
            Timeout, CancellationToken.None);
        var result = Assert.IsType<SendCallResult>(reply);
        return JsonDocument.Parse(result.Payload).RootElement;
    }

    private static Task<ChargerStateView> StateAsync(EngineNode node, string stationId) =>
        node.Chargers.Ask<ChargerStateView>(new GetChargerState(stationId), Timeout);

    [Fact]
    public async Task State_survives_a_restart_of_the_node()
    {
        var options = EngineNode.OptionsFor(Persistence);
        const string station = "CS-RECOVER";
        ChargerStateView before;

        await using (var node = await EngineNode.StartAsync(options))
        {
            Assert.Equal("Accepted", (await CallAsync(node, station, "1", "BootNotification", OcppSamples.Boot())).GetProperty("status").GetString());
            await CallAsync(node, station, "2", "StatusNotification", OcppSamples.Status(1, 1, "Occupied"));
            await CallAsync(node, station, "3", "TransactionEvent", OcppSamples.Transaction("Started", "tx-r", 0, 100, "CablePluggedIn"));
            await CallAsync(node, station, "4", "NotifyReport", OcppSamples.NotifyReport(5, 0, true, "A", "B"));
            await CallAsync(node, station, "5", "NotifyReport", OcppSamples.NotifyReport(5, 1, false, "C"));
            await CallAsync(node, station, "6", "TransactionEvent", OcppSamples.Transaction("Updated", "tx-r", 1, 700));
            await CallAsync(node, station, "7", "MeterValues", OcppSamples.MeterValues(2, 55));
            before = await StateAsync(node, station);
            Assert.Equal(7, before.JournalSequenceNr);
        }

        // SnapshotEvery = 3: snapshots were taken at 3 and 6 (deleting the older one is best effort and may not have
        // finished before shutdown); recovery starts from the newest and replays event 7.
        Assert.InRange(await CountSnapshotsAsync(ChargerActor.PersistenceIdFor(station)), 1, 2);

        await using (var node = await EngineNode.StartAsync(options))
        {
            var after = await StateAsync(node, station);
            Assert.Equal(before.JournalSequenceNr, after.JournalSequenceNr);
            Assert.Equal(before.Station, after.Station);
            Assert.Equal(RegistrationStatus.Accepted, after.Registration);
            Assert.Equal(before.LastBootAt, after.LastBootAt);
            Assert.Equal(before.Connectors.ToArray(), after.Connectors.ToArray());
            Assert.Equal(3, after.DeviceModelVariableCount);
            var open = Assert.Single(after.OpenTransactions);
            Assert.Equal(("tx-r", 1), (open.TransactionId, open.LastSeqNo));
            Assert.Equal(700m, open.LatestMeterValues.Single(m => m.Measurand == MeterMeasurands.EnergyActiveImportRegister).Value);
            Assert.Equal(55m, after.LatestMeterValuesByEvse[2].Single().Value);
            Assert.False(after.Connected);

            // The charger retries seqNo 1 after the restart: answered, not journaled again.
            await CallAsync(node, station, "8", "TransactionEvent", OcppSamples.Transaction("Updated", "tx-r", 1, 700));
            Assert.Equal(7, (await StateAsync(node, station)).JournalSequenceNr);
        }
    }
}

public sealed class SqliteRecoveryTests : RecoveryTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"v2g-recovery-{Guid.NewGuid():N}", "v2g.db");

    protected override PersistenceOptions Persistence => PersistenceOptions.Sqlite(_file);

    protected override async Task<long> CountSnapshotsAsync(string persistenceId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Persistence.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM snapshot WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_engine_leaves_its_sqlite_file_in_WAL_mode()
    {
        await using (await EngineNode.StartAsync(EngineNode.OptionsFor(Persistence)))
        {
        }
        Assert.Equal("wal", PersistenceSetup.ReadSqliteJournalMode(Persistence.ConnectionString));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var directory = Path.GetDirectoryName(_file)!;
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}

public sealed class PostgreSqlRecoveryTests(PostgresDatabaseFixture database) : RecoveryTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override PersistenceOptions Persistence => PersistenceOptions.PostgreSql(database.ConnectionString);

    protected override async Task<long> CountSnapshotsAsync(string persistenceId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM snapshot WHERE persistence_id = @id", connection);
        command.Parameters.AddWithValue("id", persistenceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
