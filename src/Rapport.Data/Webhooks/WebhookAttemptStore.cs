using System.Data.Common;
using Microsoft.Data.Sqlite;
using NpgsqlTypes;
using Rapport.Data.Sql;
using Rapport.Domain.Records;

namespace Rapport.Data.Webhooks;

/// <summary>The <c>webhook_attempts</c> table: the delivery log.</summary>
public static class WebhookAttemptStore
{
    private const string Columns = "id, delivery_id, at, duration_ms, url, webhook_id, webhook_timestamp, response_status, response_headers, response_body, error";

    /// <summary>Adds attempts in the caller's transaction, each only while its delivery exists (a subscription deleted meanwhile takes its log with it).</summary>
    public static async Task InsertAsync(DbSession s, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct)
    {
        if (attempts.Count == 0) return;
        if (s.Connection is SqliteConnection sqlite)
        {
            using var stmt = SqliteRaw.Prepare(sqlite, $"INSERT INTO webhook_attempts ({Columns}) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 " +
                                                       "WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = ?2)");
            foreach (var a in attempts)
            {
                SqliteRaw.Bind(stmt, 1, a.Id.ToString());
                SqliteRaw.Bind(stmt, 2, a.DeliveryId.ToString());
                SqliteRaw.Bind(stmt, 3, Timestamps.ToText(a.At));
                SqliteRaw.Bind(stmt, 4, a.DurationMs);
                SqliteRaw.Bind(stmt, 5, a.Url);
                SqliteRaw.Bind(stmt, 6, a.WebhookId);
                SqliteRaw.Bind(stmt, 7, a.WebhookTimestamp);
                SqliteRaw.Bind(stmt, 8, a.ResponseStatus);
                SqliteRaw.Bind(stmt, 9, a.ResponseHeadersJson);
                SqliteRaw.Bind(stmt, 10, a.ResponseBody);
                SqliteRaw.Bind(stmt, 11, a.Error);
                SqliteRaw.Step(sqlite, stmt);
            }
            return;
        }
        var cmd = s.Command("");
        cmd.CommandText =
            $"INSERT INTO webhook_attempts ({Columns}) SELECT a.* FROM unnest(" +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Uuid, [.. attempts.Select(a => a.Id)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Uuid, [.. attempts.Select(a => a.DeliveryId)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.TimestampTz, [.. attempts.Select(a => DateTime.SpecifyKind(a.At, DateTimeKind.Utc))])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Integer, [.. attempts.Select(a => a.DurationMs)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. attempts.Select(a => a.Url)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. attempts.Select(a => a.WebhookId)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Bigint, [.. attempts.Select(a => a.WebhookTimestamp)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Integer, [.. attempts.Select(a => a.ResponseStatus)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. attempts.Select(a => a.ResponseHeadersJson)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. attempts.Select(a => a.ResponseBody)])}, " +
            $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. attempts.Select(a => a.Error)])}) " +
            "AS a(id, delivery_id, at, duration_ms, url, webhook_id, webhook_timestamp, response_status, response_headers, response_body, error) " +
            "WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = a.delivery_id)";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A delivery's attempts, oldest first.</summary>
    public static async Task<List<WebhookAttempt>> ListAsync(DbSession s, Guid deliveryId, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var list = new List<WebhookAttempt>();
        await using var reader = await s.Command($"SELECT {Columns} FROM webhook_attempts WHERE delivery_id = {p.Add(d, ColumnType.Uuid, deliveryId)} ORDER BY id", p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(d, reader));
        return list;
    }

    /// <summary>Deletes up to <paramref name="max"/> of the oldest attempts made before <paramref name="cutoff"/> (UUIDv7 ids: oldest first by key); returns how many.</summary>
    public static async Task<int> DeleteBeforeAsync(DbSession s, DateTime cutoff, int max, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"DELETE FROM webhook_attempts WHERE id IN (SELECT id FROM (SELECT id, at FROM webhook_attempts ORDER BY id LIMIT {max}) oldest " +
                  $"WHERE at < {p.Add(d, ColumnType.Timestamp, cutoff)})";
        return await s.Command(sql, p).ExecuteNonQueryAsync(ct);
    }

    private static WebhookAttempt Read(SqlDialect d, DbDataReader r) => new(
        (Guid)d.Read(r, 0, ColumnType.Uuid)!,
        (Guid)d.Read(r, 1, ColumnType.Uuid)!,
        (DateTime)d.Read(r, 2, ColumnType.Timestamp)!,
        r.GetInt32(3),
        r.GetString(4),
        r.GetString(5),
        r.GetInt64(6),
        r.IsDBNull(7) ? null : r.GetInt32(7),
        (string?)d.Read(r, 8, ColumnType.Text),
        (string?)d.Read(r, 9, ColumnType.Text),
        (string?)d.Read(r, 10, ColumnType.Text));
}
