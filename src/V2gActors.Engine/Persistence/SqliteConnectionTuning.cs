using System.Data.Common;
using LinqToDB.Interceptors;

namespace V2gActors.Engine.Persistence;

/// <summary>
/// Runs on every SQLite connection the journal, snapshot store and read journal open (linq2db interceptor), to make
/// the SQL plugin behave on SQLite the way it already does on a server database:
/// <list type="bullet">
/// <item><b>Off the caller's thread.</b> Microsoft.Data.Sqlite has no asynchronous I/O: every "async" call completes
/// synchronously. The journal batches writes of many entities in an Akka.Streams queue (<c>BatchWeighted</c> in front
/// of <c>SelectAsync(parallelism)</c>), which only accumulates rows while a write is <i>pending</i>; a write that
/// completes synchronously inside the stream stage leaves nothing to batch, so every event became its own transaction
/// and its own fsync. Yielding once per connection open makes the write pending, the stage takes the next rows
/// meanwhile, and the next transaction carries all of them. It also keeps recovery reads (highest sequence number,
/// replay, snapshot load) from blocking the journal and snapshot-store actors.</item>
/// <item><b>busy_timeout.</b> SQLite has one writer. Without a busy timeout a second writer (a snapshot save beside a
/// journal batch) gets SQLITE_BUSY and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep; with it, SQLite's
/// own busy handler retries within milliseconds.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionTuning(TimeSpan busyTimeout) : ConnectionInterceptor
{
    /// <summary>As long as Microsoft.Data.Sqlite's default command timeout: a write waits for the lock, never fails early.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _pragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};";

    public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection) => ApplyPragmas(connection);

    public override async Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        // ForceYielding continues on the thread pool whatever scheduler the caller runs on (an actor's or a stream's).
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

    public override Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        ApplyPragmas(connection);
        return Task.CompletedTask;
    }

    private void ApplyPragmas(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}
