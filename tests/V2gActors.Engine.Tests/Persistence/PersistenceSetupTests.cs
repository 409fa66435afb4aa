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
        // Fallback: the plugin's own defaults are still there.
        Assert.Equal("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql", config.GetString("akka.persistence.journal.sql.class"));

        Assert.Equal("SQLite.MS", PersistenceSetup.ToHocon(PersistenceOptions.DefaultSqlite).GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(1, PersistenceSetup.ToHocon(PersistenceOptions.DefaultSqlite).GetInt("akka.persistence.journal.sql.parallelism"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
