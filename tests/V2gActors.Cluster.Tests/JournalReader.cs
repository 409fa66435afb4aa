using Akka.Actor;
using Npgsql;

namespace V2gActors.Cluster.Tests;

/// <summary>One row of the Akka.Persistence.Sql journal, its payload decoded by the engine's own serializer.</summary>
public sealed record JournalEntry(string PersistenceId, long SequenceNr, object Event);

/// <summary>
/// Reads the journal table straight from PostgreSQL — not through any node — so the test sees exactly what is durable.
/// Payloads are decoded with the serializer registered under the row's id and manifest, as recovery would.
/// </summary>
public static class JournalReader
{
    public static async Task<IReadOnlyList<JournalEntry>> ReadAsync(string connectionString, ActorSystem system, string persistenceIdPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT persistence_id, sequence_number, identifier, manifest, message
            FROM journal
            WHERE persistence_id LIKE @prefix AND NOT deleted
            ORDER BY persistence_id, sequence_number
            """, connection);
        command.Parameters.AddWithValue("prefix", persistenceIdPrefix + "%");
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var payload = (byte[])reader["message"];
            var decoded = system.Serialization.Deserialize(payload, reader.GetInt32(2), reader.GetString(3));
            entries.Add(new JournalEntry(reader.GetString(0), reader.GetInt64(1), decoded));
        }
        return entries;
    }

    /// <summary>How many journal rows the persistence ids starting with <paramref name="persistenceIdPrefix"/> have.</summary>
    public static async Task<long> CountAsync(string connectionString, string persistenceIdPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM journal WHERE persistence_id LIKE @prefix", connection);
        command.Parameters.AddWithValue("prefix", persistenceIdPrefix + "%");
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }
}
