using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace V2gActors.Engine.Persistence;

/// <summary>
/// The one place that turns <see cref="PersistenceOptions"/> into Akka.Persistence.Sql configuration and
/// prepares the database file. Akka.Persistence.Sql.Hosting is not available, so this writes the plugin's HOCON.
/// </summary>
public static class PersistenceSetup
{
    public const string JournalPluginId = "akka.persistence.journal.sql";
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";
    public const string QueryPluginId = "akka.persistence.query.journal.sql";

    /// <summary>Journal writes that may wait for the database at once (the plugin's <c>buffer-size</c>).</summary>
    public const int JournalWriteBuffer = 50_000;

    /// <summary>linq2db provider name: SQLite through Microsoft.Data.Sqlite, or the PostgreSQL 15 dialect through Npgsql.</summary>
    public static string ProviderName(PersistenceProvider provider) => provider switch
    {
        PersistenceProvider.Sqlite => "SQLite.MS",
        PersistenceProvider.PostgreSql => "PostgreSQL.15",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Journal, snapshot store and read journal HOCON, with the plugin's reference configuration as fallback.</summary>
    public static Config ToHocon(PersistenceOptions options)
    {
        var connection = options.ConnectionString.ToHocon();
        var provider = ProviderName(options.Provider).ToHocon();
        // SQLite has a single writer: concurrent journal writers would only queue on the file lock, so one writer
        // with large batches is the faster path. PostgreSQL benefits from a few concurrent writers.
        var parallelism = options.Provider == PersistenceProvider.Sqlite ? 1 : 3;
        // Reads in a deferred transaction on SQLite. Microsoft.Data.Sqlite starts every other isolation level with
        // BEGIN IMMEDIATE, which takes the single write lock: a recovering entity's reads then queued behind (and
        // held up) the journal's writes. Deferred, a read sees the last committed state of the WAL file and never
        // waits for the writer. "read-uncommitted" is only how Microsoft.Data.Sqlite spells deferred: without a
        // shared cache SQLite never shows uncommitted rows to another connection (with Cache=Shared it would, so such a
        // connection string keeps the default). Server databases keep their default.
        var readIsolation = options.Provider == PersistenceProvider.Sqlite && !SharesSqliteCache(options) ? "read-uncommitted" : "unspecified";
        var hocon = $$"""
            akka.persistence {
              journal {
                plugin = "{{JournalPluginId}}"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  warn-on-auto-init-fail = on
                  batch-size = {{options.JournalBatchSize}}
                  # Writes waiting for the database; beyond this the journal refuses them (the station gets a
                  # CALLERROR, the entity stops). Each connected station has at most one CALL, hence one write, in
                  # flight, so this must exceed the stations a node holds (the plugin's default is 5,000).
                  buffer-size = {{JournalWriteBuffer}}
                  parallelism = {{parallelism}}
                  tag-write-mode = TagTable
                  read-isolation-level = {{readIsolation}}
                  # Rows as parameters, not literals: a batch of 100 events inlined as hex blobs is a SQL string of
                  # several hundred KB (a large-object-heap allocation per batch, gen-2 collections under load).
                  prefer-parameters-on-multirow-insert = true
                }
              }
              snapshot-store {
                plugin = "{{SnapshotPluginId}}"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  read-isolation-level = {{readIsolation}}
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
                write-plugin = "{{JournalPluginId}}"
                read-isolation-level = {{readIsolation}}
              }
            }
            """;
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// The linq2db options the plugin uses instead of its own (same connection string and provider), for what HOCON
    /// cannot say: on SQLite, <see cref="SqliteConnectionTuning"/> on every connection. Null when the defaults are right
    /// (PostgreSQL). Add it to the actor system's setup (<c>AkkaConfigurationBuilder.AddSetup</c>).
    /// </summary>
    public static Setup? DataOptionsSetupFor(PersistenceOptions options) =>
        DataOptionsFor(options) is { } dataOptions ? new DataOptionsSetup(dataOptions) : null;

    /// <summary>The options inside <see cref="DataOptionsSetupFor"/>.</summary>
    public static DataOptions? DataOptionsFor(PersistenceOptions options) => options.Provider switch
    {
        PersistenceProvider.Sqlite => new DataOptions()
            .UseConnectionString(ProviderName(options.Provider), options.ConnectionString)
            .UseInterceptor(new SqliteConnectionTuning(SqliteConnectionTuning.DefaultBusyTimeout)),
        _ => null,
    };

    /// <summary>
    /// Makes the database usable before the actor system starts: for SQLite, creates the directory and switches the
    /// file to WAL once (the mode is stored in the file, so later connections inherit it) so that recovery reads do
    /// not block journal writes. PostgreSQL needs nothing here: the plugin creates its tables.
    /// </summary>
    public static void PrepareDatabase(PersistenceOptions options)
    {
        if (options.Provider != PersistenceProvider.Sqlite) return;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        var file = builder.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory) return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var connection = new SqliteConnection(options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SQLite file {file} refused WAL mode (journal_mode is '{mode}').");
    }

    private static bool SharesSqliteCache(PersistenceOptions options) =>
        new SqliteConnectionStringBuilder(options.ConnectionString).Cache == SqliteCacheMode.Shared;

    /// <summary>Reads the journal mode stored in a SQLite file (for diagnostics and tests).</summary>
    public static string ReadSqliteJournalMode(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string)command.ExecuteScalar()!;
    }
}
