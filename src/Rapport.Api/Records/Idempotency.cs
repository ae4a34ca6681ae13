using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Rapport.Api.Errors;
using Rapport.Data;
using Rapport.Data.Sql;
using Rapport.Domain.Records;

namespace Rapport.Api.Records;

/// <summary>
/// Idempotency-Key for creates (contract §3): the first response is stored in the same transaction
/// as the record, a repeat with the same body gets it back, a repeat with another body gets 422.
/// Keys are kept for 24 hours per client.
/// </summary>
public static class Idempotency
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public sealed record Stored(string RequestHash, int Status, string? Body, string? Location, string? ETag);

    public static string Hash(string method, string path, JsonNode? body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n{body?.ToJsonString()}")));

    public static void CheckKey(string key)
    {
        if (key.Length is 0 or > 255) throw ApiException.BadRequest("Idempotency-Key", "must be 1 to 255 characters");
    }

    /// <summary>Serialises requests with the same key on PostgreSQL (SQLite has a single writer already), then looks the key up.</summary>
    public static async Task<Stored?> FindAsync(DbSession s, string clientId, string key, CancellationToken ct)
    {
        var d = s.Dialect;
        if (d.Provider == DatabaseProvider.Postgres)
        {
            var lockParams = new ParameterList();
            var lockCmd = s.Command($"SELECT pg_advisory_xact_lock(hashtext({lockParams.Add(d, ColumnType.Text, clientId + "\n" + key)}))", lockParams);
            await lockCmd.ExecuteScalarAsync(ct);
        }
        var p = new ParameterList();
        var sql = $"SELECT request_hash, status_code, body, location, etag, created_at FROM idempotency_keys WHERE client_id = {p.Add(d, ColumnType.Text, clientId)} AND key = {p.Add(d, ColumnType.Text, key)}";
        var cmd = s.Command(sql, p);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var createdAt = (DateTime)d.Read(reader, 5, ColumnType.Timestamp)!;
        var stored = new Stored(reader.GetString(0), Convert.ToInt32(reader.GetValue(1)), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        await reader.DisposeAsync();
        if (DateTime.UtcNow - createdAt <= Retention) return stored;
        await DeleteAsync(s, clientId, key, ct);
        return null;
    }

    public static async Task SaveAsync(DbSession s, string clientId, string key, string hash, OperationResult result, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = "INSERT INTO idempotency_keys (client_id, key, request_hash, status_code, content_type, body, location, etag, created_at) VALUES (" +
                  string.Join(", ", p.Add(d, ColumnType.Text, clientId), p.Add(d, ColumnType.Text, key), p.Add(d, ColumnType.Text, hash),
                      p.AddRaw(result.Status), p.Add(d, ColumnType.Text, "application/json"),
                      p.Add(d, ColumnType.Text, result.ToJson()?.ToJsonString(RecordJson.Options)), p.Add(d, ColumnType.Text, result.Location),
                      p.Add(d, ColumnType.Text, result.ETag), p.Add(d, ColumnType.Timestamp, Timestamps.Now())) + ")";
        var cmd = s.Command(sql, p);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task DeleteAsync(DbSession s, string clientId, string key, CancellationToken ct)
    {
        var p = new ParameterList();
        var cmd = s.Command($"DELETE FROM idempotency_keys WHERE client_id = {p.Add(s.Dialect, ColumnType.Text, clientId)} AND key = {p.Add(s.Dialect, ColumnType.Text, key)}", p);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
