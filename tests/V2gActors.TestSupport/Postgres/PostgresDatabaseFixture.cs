using Npgsql;
using Xunit;

namespace V2gActors.TestSupport.Postgres;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class (use as <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>),
/// dropped again afterwards. The server comes from env <c>V2G_TEST_POSTGRES</c> (default
/// <see cref="DefaultServerConnectionString"/>). When the server cannot be reached the fixture throws, so the tests
/// fail with the reason instead of silently skipping: CI starts PostgreSQL, a developer must too.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "V2G_TEST_POSTGRES";

    public const string DefaultServerConnectionString =
        "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";

    private readonly string _serverConnectionString;

    public PostgresDatabaseFixture()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : DefaultServerConnectionString;
        DatabaseName = $"v2g_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString)
        {
            Database = DatabaseName,
            // Each test class owns its database; pooling across the drop would leave dead connections behind.
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>The database created for this test class.</summary>
    public string DatabaseName { get; }

    /// <summary>Connection string to <see cref="DatabaseName"/>.</summary>
    public string ConnectionString { get; }

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var safe = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Password = null };
            throw new InvalidOperationException(
                $"PostgreSQL is required for these tests but could not be reached at '{safe.ConnectionString}': {ex.Message}. " +
                $"Start it (e.g. `pg_ctlcluster 15 main start`) or point {EnvironmentVariable} at a server.", ex);
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database is harmless and carries a unique name.
        }
    }
}
