using Akka.Persistence.Sql.Config;
using Microsoft.Data.Sqlite;
using V2gActors.Engine.Persistence;
using V2gActors.Engine.Tests.Support;

namespace V2gActors.Engine.Tests.Persistence;

/// <summary>
/// Telemetry throughput on SQLite depends on the SQL journal batching many stations' events into one transaction, which
/// it only does while a write is pending; Microsoft.Data.Sqlite would complete every write synchronously
/// (docs/benchmarks.md, R6). These pin the two halves of the fix: the interceptor moves the work off the caller's
/// thread, and the engine hands it to the plugin.
/// </summary>
public sealed class SqliteJournalBatchingTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"v2g-batching-{Guid.NewGuid():N}", "v2g.db");

    [Fact]
    public async Task Opening_a_connection_continues_on_the_thread_pool_whatever_thread_asked()
    {
        var tuning = new SqliteConnectionTuning(SqliteConnectionTuning.DefaultBusyTimeout);
        var continuedOnPool = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A dedicated thread stands in for the stream stage: without the yield the open would finish on it.
        var caller = new Thread(() => Open().ContinueWith(t => continuedOnPool.TrySetException(t.Exception!), TaskContinuationOptions.OnlyOnFaulted));
        caller.Start();
        caller.Join();
        Assert.True(await continuedOnPool.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        async Task Open()
        {
            await using var connection = new SqliteConnection("Data Source=:memory:");
            await tuning.ConnectionOpeningAsync(default, connection, CancellationToken.None);
            continuedOnPool.TrySetResult(Thread.CurrentThread.IsThreadPoolThread);
        }
    }

    [Fact]
    public async Task The_engine_gives_the_sql_plugin_the_tuned_connection_options_on_sqlite()
    {
        await using var node = await EngineNode.StartAsync(EngineNode.OptionsFor(PersistenceOptions.Sqlite(_file)));
        Assert.True(node.System.Settings.Setup.Get<DataOptionsSetup>().HasValue);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        var directory = Path.GetDirectoryName(_file)!;
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
