namespace V2gActors.Engine.Persistence;

/// <summary>Which database the journal and snapshot store live in.</summary>
public enum PersistenceProvider
{
    /// <summary>A local file; the single-node default.</summary>
    Sqlite,
    /// <summary>PostgreSQL 15+, for clusters where any node may host any entity.</summary>
    PostgreSql,
}

/// <summary>
/// Where events and snapshots are stored. <see cref="JournalBatchSize"/> is the number of events the SQL journal
/// writes in one round trip when many entities persist at once (Akka.Persistence.Sql's <c>batch-size</c>).
/// </summary>
public sealed record PersistenceOptions(PersistenceProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteFile = "./data/v2gactors.db";

    public int JournalBatchSize { get; init; } = 100;

    public static PersistenceOptions DefaultSqlite { get; } = Sqlite(DefaultSqliteFile);

    public static PersistenceOptions Sqlite(string file) => new(PersistenceProvider.Sqlite, $"Data Source={file}");

    public static PersistenceOptions PostgreSql(string connectionString) => new(PersistenceProvider.PostgreSql, connectionString);
}
