using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Rapport.Data.Sql;

namespace Rapport.Data.Quality;

/// <summary>One entry of a record's audit: what a write path did to it beyond the caller's values (normalised, merged ...).</summary>
public sealed record AuditEntry(Guid Id, string Object, Guid RecordId, DateTime At, string ClientId, string Action, string DetailsJson);

public static class AuditActions
{
    public const string Normalised = "normalised";
    public const string Merged = "merged";
    public const string MergedInto = "mergedInto";
    public const string MergeUndone = "mergeUndone";
}

/// <summary>
/// The <c>record_audit</c> table, written in the transaction of the change it describes. Many entries at once
/// (an import batch) go through SQLite's own statement API on SQLite and binary COPY on PostgreSQL.
/// </summary>
public static class AuditStore
{
    private const string Columns = "id, object, record_id, at, client_id, action, details";

    public static async Task AddAsync(DbSession s, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var d = s.Dialect;
        if (s.Connection is SqliteConnection sqlite)
        {
            // One prepared statement stepped per entry, bound by position: a multi-row insert binds its
            // parameters by name, and SQLite looks each name up in a list (quadratic in the row count).
            using var stmt = SqliteRaw.Prepare(sqlite, $"INSERT INTO record_audit ({Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            foreach (var e in entries)
            {
                SqliteRaw.Bind(stmt, 1, d.ToDb(ColumnType.Uuid, e.Id));
                SqliteRaw.Bind(stmt, 2, e.Object);
                SqliteRaw.Bind(stmt, 3, d.ToDb(ColumnType.Uuid, e.RecordId));
                SqliteRaw.Bind(stmt, 4, d.ToDb(ColumnType.Timestamp, e.At));
                SqliteRaw.Bind(stmt, 5, e.ClientId);
                SqliteRaw.Bind(stmt, 6, e.Action);
                SqliteRaw.Bind(stmt, 7, d.ToDb(ColumnType.Json, e.DetailsJson));
                SqliteRaw.Step(sqlite, stmt);
            }
            return;
        }
        if (s.Connection is NpgsqlConnection npgsql && entries.Count >= 32)
        {
            await CopyAsync(npgsql, entries, ct);
            return;
        }
        foreach (var chunk in entries.Chunk(100))
        {
            var p = new ParameterList();
            var values = string.Join(", ", chunk.Select(e =>
                $"({p.Add(d, ColumnType.Uuid, e.Id)}, {p.Add(d, ColumnType.Text, e.Object)}, {p.Add(d, ColumnType.Uuid, e.RecordId)}, {p.Add(d, ColumnType.Timestamp, e.At)}, " +
                $"{p.Add(d, ColumnType.Text, e.ClientId)}, {p.Add(d, ColumnType.Text, e.Action)}, {p.Add(d, ColumnType.Json, e.DetailsJson)})"));
            await s.Command($"INSERT INTO record_audit ({Columns}) VALUES {values}", p).ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY record_audit ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in entries)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(e.Object, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.RecordId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(DateTime.SpecifyKind(e.At, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(e.ClientId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.Action, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.DetailsJson, NpgsqlDbType.Jsonb, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>A record's entries, newest first, up to <paramref name="limit"/>.</summary>
    public static async Task<List<AuditEntry>> ListAsync(DbSession s, string objectName, Guid recordId, int limit, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = "SELECT id, object, record_id, at, client_id, action, details FROM record_audit " +
                  $"WHERE object = {p.Add(d, ColumnType.Text, objectName)} AND record_id = {p.Add(d, ColumnType.Uuid, recordId)} ORDER BY id DESC LIMIT {limit}";
        var list = new List<AuditEntry>();
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new AuditEntry((Guid)d.Read(reader, 0, ColumnType.Uuid)!, reader.GetString(1), (Guid)d.Read(reader, 2, ColumnType.Uuid)!,
                (DateTime)d.Read(reader, 3, ColumnType.Timestamp)!, reader.GetString(4), reader.GetString(5), (string)d.Read(reader, 6, ColumnType.Json)!));
        return list;
    }
}
