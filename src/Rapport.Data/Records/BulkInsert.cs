using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;

namespace Rapport.Data.Records;

/// <summary>
/// Inserts many new records at once for bulk import: PostgreSQL through binary <c>COPY</c>, SQLite
/// through its prepared single-row insert; the external ids of all records then in multi-row inserts.
/// There is no per-row conflict check: a taken id or external id makes the database refuse the whole
/// call, and the importer re-runs that batch row by row (<see cref="RecordStore.InsertAsync"/>) so only
/// the row at fault is rejected, with a clear reason.
/// </summary>
public static class BulkInsert
{
    private const int ExternalIdChunk = 64;

    public static async Task InsertAsync(DbSession s, ObjectDef def, IReadOnlyList<Domain.Records.Record> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        if (s.Connection is NpgsqlConnection npgsql) await CopyAsync(npgsql, def, records, ct);
        else if (s.Connection is SqliteConnection sqlite) InsertSqlite(sqlite, s.Dialect, def, records);
        else
            foreach (var record in records) await RecordStore.InsertRowAsync(s, def, record, ct);
        await InsertExternalIdsAsync(s, def, records, ct);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, ObjectDef def, IReadOnlyList<Domain.Records.Record> records, CancellationToken ct)
    {
        var table = RecordTable.For(def);
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.SelectList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in records)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
            await Nullable(copy, r.DeletedAt is { } deleted ? DateTime.SpecifyKind(deleted, DateTimeKind.Utc) : null, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(r.Version, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(r.OwnerId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(r.ExternalIdsJson, NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(r.CustomJson, NpgsqlDbType.Jsonb, ct);
            foreach (var (index, _, type) in table.FieldColumns) await Nullable(copy, r.Values[index], TypeOf(type), ct);
            foreach (var column in table.DerivedColumns) await Nullable(copy, r.Derived.GetValueOrDefault(column), NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// One prepared INSERT stepped once per record, parameters bound by position through SQLite's own API
    /// (inside the session's transaction): the driver's per-execution work cost more than SQLite's insert.
    /// </summary>
    private static void InsertSqlite(SqliteConnection connection, SqlDialect dialect, ObjectDef def, IReadOnlyList<Domain.Records.Record> records)
    {
        var table = RecordTable.For(def);
        using var stmt = SqliteRaw.Prepare(connection, table.InsertSql(dialect));
        foreach (var r in records)
        {
            var i = 1;
            SqliteRaw.Bind(stmt, i++, r.Id.ToString());
            SqliteRaw.Bind(stmt, i++, dialect.ToDb(ColumnType.Timestamp, r.CreatedAt));
            SqliteRaw.Bind(stmt, i++, dialect.ToDb(ColumnType.Timestamp, r.UpdatedAt));
            SqliteRaw.Bind(stmt, i++, r.DeletedAt is { } deleted ? dialect.ToDb(ColumnType.Timestamp, deleted) : null);
            SqliteRaw.Bind(stmt, i++, r.Version);
            SqliteRaw.Bind(stmt, i++, r.OwnerId.ToString());
            SqliteRaw.Bind(stmt, i++, r.ExternalIdsJson);
            SqliteRaw.Bind(stmt, i++, r.CustomJson);
            foreach (var (index, _, type) in table.FieldColumns) SqliteRaw.Bind(stmt, i++, r.Values[index] is { } v ? dialect.ToDb(type, v) : null);
            foreach (var column in table.DerivedColumns) SqliteRaw.Bind(stmt, i++, r.Derived.GetValueOrDefault(column));
            SqliteRaw.Step(connection, stmt);
        }
    }

    private static Task Nullable(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private static NpgsqlDbType TypeOf(ColumnType type) => type switch
    {
        ColumnType.Uuid => NpgsqlDbType.Uuid,
        ColumnType.Timestamp => NpgsqlDbType.TimestampTz,
        ColumnType.Date => NpgsqlDbType.Date,
        ColumnType.Integer => NpgsqlDbType.Bigint,
        ColumnType.Boolean => NpgsqlDbType.Boolean,
        ColumnType.Decimal => NpgsqlDbType.Numeric,
        ColumnType.Json => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };

    /// <summary>The external ids of new records, many rows per statement; the table's key refuses an id that is taken.</summary>
    private static async Task InsertExternalIdsAsync(DbSession s, ObjectDef def, IReadOnlyList<Domain.Records.Record> records, CancellationToken ct)
    {
        var rows = new List<(string System, string Value, Guid Id)>();
        foreach (var r in records)
        {
            if (r.ExternalIdsJson is "{}" or "") continue;
            foreach (var (system, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(r.ExternalIdsJson) ?? [])
                rows.Add((system, value, r.Id));
        }
        var d = s.Dialect;
        if (s.Connection is SqliteConnection sqlite)
        {
            // Bound by position, one row per step: a multi-row insert's named parameters are looked up one by one.
            using var stmt = SqliteRaw.Prepare(sqlite, "INSERT INTO external_ids (object, system, external_id, record_id) VALUES (?1, ?2, ?3, ?4)");
            foreach (var (system, value, id) in rows)
            {
                SqliteRaw.Bind(stmt, 1, def.Name);
                SqliteRaw.Bind(stmt, 2, system);
                SqliteRaw.Bind(stmt, 3, value);
                SqliteRaw.Bind(stmt, 4, d.ToDb(ColumnType.Uuid, id));
                SqliteRaw.Step(sqlite, stmt);
            }
            return;
        }
        for (var start = 0; start < rows.Count;)
        {
            // Chunks of 64, 32, ... 1 rows: few distinct statements, so prepared ones are reused.
            var size = ExternalIdChunk;
            while (size > rows.Count - start) size /= 2;
            var p = new ParameterList();
            var sql = new StringBuilder("INSERT INTO external_ids (object, system, external_id, record_id) VALUES ");
            for (var i = 0; i < size; i++)
            {
                var (system, value, id) = rows[start + i];
                if (i > 0) sql.Append(", ");
                sql.Append('(').Append(p.Add(d, ColumnType.Text, def.Name)).Append(", ").Append(p.Add(d, ColumnType.Text, system)).Append(", ")
                   .Append(p.Add(d, ColumnType.Text, value)).Append(", ").Append(p.Add(d, ColumnType.Uuid, id)).Append(')');
            }
            await s.Command(sql.ToString(), p).ExecuteNonQueryAsync(ct);
            start += size;
        }
    }
}
