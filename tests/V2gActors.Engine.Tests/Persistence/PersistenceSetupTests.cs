using System.Data;
using Akka.Persistence.Sql.Config;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using V2gActors.Engine.Persistence;

namespace V2gActors.Engine.Tests.Persistence;

public sealed class PersistenceSetupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"v2g-{Guid.NewGuid():N}");

    [Fact]
    public void Sqlite_file_is_created_in_its_directory_and_switched_to_WAL()
    {
        var file = Path.Combine(_directory, "nested", "v2g.db");
        var options = PersistenceOptions.Sqlite(file);

        PersistenceSetup.PrepareDatabase(options);

        Assert.True(File.Exists(file));
        Assert.Equal("wal", PersistenceSetup.ReadSqliteJournalMode(options.ConnectionString));
    }

    [Fact]
    public void Hocon_points_journal_snapshots_and_queries_at_the_sql_plugin()
    {
        var config = PersistenceSetup.ToHocon(PersistenceOptions.PostgreSql("Host=db;Username=u;Password=p\"q") with { JournalBatchSize = 250 });

        Assert.Equal(PersistenceSetup.JournalPluginId, config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(PersistenceSetup.SnapshotPluginId, config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal("Host=db;Username=u;Password=p\"q", config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.True(config.GetBoolean("akka.persistence.journal.sql.auto-initialize"));
        Assert.True(config.GetBoolean("akka.persistence.snapshot-store.sql.auto-initialize"));
        Assert.Equal(250, config.GetInt("akka.persistence.journal.sql.batch-size"));
        Assert.True(config.GetBoolean("akka.persistence.journal.sql.prefer-parameters-on-multirow-insert"));
        Assert.True(config.GetInt("akka.persistence.journal.sql.buffer-size") > 10_000, "one write in flight per station: 10k stations must fit");
        // Fallback: the plugin's own defaults are still there.
        Assert.Equal("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql", config.GetString("akka.persistence.journal.sql.class"));

        Assert.Equal("SQLite.MS", PersistenceSetup.ToHocon(PersistenceOptions.DefaultSqlite).GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(1, PersistenceSetup.ToHocon(PersistenceOptions.DefaultSqlite).GetInt("akka.persistence.journal.sql.parallelism"));
    }

    [Fact]
    public void Sqlite_reads_are_deferred_and_connections_tuned_while_PostgreSql_keeps_the_plugin_defaults()
    {
        var sqlite = PersistenceSetup.ToHocon(PersistenceOptions.DefaultSqlite);
        foreach (var plugin in new[] { "journal.sql", "snapshot-store.sql", "query.journal.sql" })
            Assert.Equal("read-uncommitted", sqlite.GetString($"akka.persistence.{plugin}.read-isolation-level"));
        Assert.IsType<DataOptionsSetup>(PersistenceSetup.DataOptionsSetupFor(PersistenceOptions.DefaultSqlite));
        // A shared cache would let read-uncommitted see other connections' uncommitted rows: keep the default there.
        var shared = PersistenceOptions.DefaultSqlite with { ConnectionString = "Data Source=./data/v2g.db;Cache=Shared" };
        Assert.Equal("unspecified", PersistenceSetup.ToHocon(shared).GetString("akka.persistence.journal.sql.read-isolation-level"));

        var postgres = PersistenceOptions.PostgreSql("Host=db");
        Assert.Equal("unspecified", PersistenceSetup.ToHocon(postgres).GetString("akka.persistence.journal.sql.read-isolation-level"));
        Assert.Null(PersistenceSetup.DataOptionsSetupFor(postgres));
    }

    [Fact]
    public async Task Tuned_sqlite_connection_reads_past_a_writer_and_waits_for_the_lock_in_sqlite()
    {
        var options = PersistenceOptions.Sqlite(Path.Combine(_directory, "tuned.db"));
        PersistenceSetup.PrepareDatabase(options);
        var dataOptions = PersistenceSetup.DataOptionsFor(options)!;
        using (var create = new SqliteConnection(options.ConnectionString))
        {
            create.Open();
            using var command = create.CreateCommand();
            command.CommandText = "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);";
            command.ExecuteNonQuery();
        }

        // A writer holds SQLite's single write lock with one uncommitted row.
        using var writer = new SqliteConnection(options.ConnectionString);
        writer.Open();
        var writing = writer.BeginTransaction();
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = writing;
            insert.CommandText = "INSERT INTO t VALUES (2);";
            insert.ExecuteNonQuery();
        }

        // The plugin's read path (deferred transaction) reads the committed state while the lock is held: with
        // BEGIN IMMEDIATE it could only run after the commit (and would see 2 rows).
        await using (var reader = new DataConnection(dataOptions))
        {
            await using var read = await reader.BeginTransactionAsync(IsolationLevel.ReadUncommitted);
            Assert.Equal(1L, await reader.ExecuteAsync<long>("SELECT count(*) FROM t"));
            Assert.Equal((long)SqliteConnectionTuning.DefaultBusyTimeout.TotalMilliseconds, await reader.ExecuteAsync<long>("PRAGMA busy_timeout"));
        }

        // The plugin's write path waits for the lock (in SQLite's busy handler) and gets it once the writer commits.
        await using var second = new DataConnection(dataOptions);
        var locking = second.BeginTransactionAsync(IsolationLevel.Serializable);
        await Task.Delay(100);
        Assert.False(locking.IsCompleted, "a second writer cannot hold the lock while the first does");
        writing.Commit();
        await using (await locking.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(2L, await second.ExecuteAsync<long>("SELECT count(*) FROM t"));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
