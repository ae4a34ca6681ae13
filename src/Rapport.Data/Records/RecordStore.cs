using System.Data.Common;
using System.Text;
using System.Text.Json;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using Rapport.Domain.Records;

namespace Rapport.Data.Records;

/// <summary>
/// Reads and writes records of any object through its metadata. Every method takes the session
/// it runs in, so callers decide what shares a transaction.
/// </summary>
public static class RecordStore
{
    public static async Task<Record?> GetAsync(DbSession s, ObjectDef def, Guid id, bool includeDeleted, CancellationToken ct)
    {
        var table = RecordTable.For(def);
        var p = new ParameterList();
        p.Add(s.Dialect, ColumnType.Uuid, id);
        var cmd = s.Command(includeDeleted ? table.SelectAnyById : table.SelectLiveById, p);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? RecordReader.Read(reader, table, s.Dialect) : null;
    }

    /// <summary>The live records with these ids (any order; absent ids are simply missing).</summary>
    public static async Task<Dictionary<Guid, Record>> GetManyAsync(DbSession s, ObjectDef def, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var table = RecordTable.For(def);
        var found = new Dictionary<Guid, Record>();
        foreach (var chunk in InList.Chunks(ids, 256))
        {
            var p = new ParameterList();
            var sql = $"SELECT {table.SelectList} FROM {table.Name} WHERE deleted_at IS NULL AND id IN ({string.Join(", ", chunk.Select(id => p.Add(s.Dialect, ColumnType.Uuid, id)))})";
            await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var record = RecordReader.Read(reader, table, s.Dialect);
                found[record.Id] = record;
            }
        }
        return found;
    }

    /// <summary>
    /// Which of these ids are in the table: with <paramref name="liveOnly"/> only records not deleted
    /// (what a relation may point at); without, deleted ones too (an id can never be reused).
    /// </summary>
    public static async Task<HashSet<Guid>> ExistingIdsAsync(DbSession s, string table, IReadOnlyCollection<Guid> ids, bool liveOnly, CancellationToken ct)
    {
        var existing = new HashSet<Guid>();
        var live = liveOnly && table != "users" ? "deleted_at IS NULL AND " : "";
        foreach (var chunk in InList.Chunks(ids, 256))
        {
            var p = new ParameterList();
            var sql = $"SELECT id FROM {table} WHERE {live}id IN ({string.Join(", ", chunk.Select(id => p.Add(s.Dialect, ColumnType.Uuid, id)))})";
            await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) existing.Add((Guid)s.Dialect.Read(reader, 0, ColumnType.Uuid)!);
        }
        return existing;
    }

    /// <summary>
    /// Reads a live record to change it. On PostgreSQL inside a transaction the row is locked
    /// (<c>FOR UPDATE</c>) until commit, so concurrent changes to one record queue instead of colliding.
    /// </summary>
    public static async Task<Record?> GetForUpdateAsync(DbSession s, ObjectDef def, Guid id, CancellationToken ct)
    {
        if (s.Dialect.Provider != DatabaseProvider.Postgres || s.Transaction is null) return await GetAsync(s, def, id, includeDeleted: false, ct);
        var table = RecordTable.For(def);
        var p = new ParameterList();
        p.Add(s.Dialect, ColumnType.Uuid, id);
        await using var reader = await s.Command(table.SelectLiveById + " FOR UPDATE", p).ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? RecordReader.Read(reader, table, s.Dialect) : null;
    }

    /// <summary>Returns up to <c>limit</c> records and whether more follow.</summary>
    public static async Task<(List<Record> Records, bool More)> ListAsync(DbSession s, ObjectDef def, ListQuery query, CancellationToken ct)
    {
        var table = RecordTable.For(def);
        var (sql, p) = new ListSqlBuilder(s.Dialect, table).Build(query);
        var cmd = s.Command(sql, p);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var records = new List<Record>(Math.Min(query.Limit + 1, 1001));
        while (await reader.ReadAsync(ct)) records.Add(RecordReader.Read(reader, table, s.Dialect));
        var more = records.Count > query.Limit;
        if (more) records.RemoveAt(records.Count - 1);
        return (records, more);
    }

    /// <summary>
    /// A page as API JSON built by SQLite (<see cref="SqliteRecordJson"/>), for a query sorted by id only:
    /// each record's UTF-8 JSON and the last id for the cursor. Null when the query or schema does not fit.
    /// </summary>
    public static async Task<(List<byte[]> Documents, Guid? LastId, bool More)?> ListJsonAsync(DbSession s, ObjectSchema schema, ListQuery query, CancellationToken ct)
    {
        if (s.Dialect.Provider != DatabaseProvider.Sqlite) return null;
        var keys = ListSqlBuilder.EffectiveKeys(query);
        if (keys.Count != 1 || keys[0].Descending) return null;
        var json = SqliteRecordJson.Expression(schema, query.Fields);
        if (json is null) return null;
        var table = RecordTable.For(schema.Definition);
        var (sql, p) = new ListSqlBuilder(s.Dialect, table).Build(query, "id, " + json);
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        var documents = new List<byte[]>(Math.Min(query.Limit + 1, 1001));
        string? lastId = null, beforeLast = null;
        while (await reader.ReadAsync(ct))
        {
            beforeLast = lastId;
            lastId = reader.GetString(0);
            documents.Add(reader.GetFieldValue<byte[]>(1));
        }
        var more = documents.Count > query.Limit;
        if (more) { documents.RemoveAt(documents.Count - 1); lastId = beforeLast; }
        return (documents, lastId is null ? null : Guid.Parse(lastId), more);
    }

    public static async Task InsertAsync(DbSession s, ObjectDef def, Record r, CancellationToken ct)
    {
        await InsertRowAsync(s, def, r, ct);
        await SyncExternalIdsAsync(s, def, r.Id, null, r.ExternalIdsJson, ct);
    }

    /// <summary>The record's row only: its external ids are the caller's (see <see cref="BulkInsert"/>).</summary>
    internal static async Task InsertRowAsync(DbSession s, ObjectDef def, Record r, CancellationToken ct)
    {
        var table = RecordTable.For(def);
        var p = new ParameterList();
        var d = s.Dialect;
        p.Add(d, ColumnType.Uuid, r.Id); p.Add(d, ColumnType.Timestamp, r.CreatedAt); p.Add(d, ColumnType.Timestamp, r.UpdatedAt);
        p.Add(d, ColumnType.Timestamp, r.DeletedAt); p.Add(d, ColumnType.Integer, r.Version); p.Add(d, ColumnType.Uuid, r.OwnerId);
        p.Add(d, ColumnType.Json, r.ExternalIdsJson); p.Add(d, ColumnType.Json, r.CustomJson);
        foreach (var (index, _, type) in table.FieldColumns) p.Add(d, type, r.Values[index]);
        foreach (var column in table.DerivedColumns) p.Add(d, ColumnType.Text, r.Derived.GetValueOrDefault(column));
        var cmd = s.Command(table.InsertSql(d), p);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes the record if its stored version is still <paramref name="expectedVersion"/>; false when it moved on.</summary>
    public static async Task<bool> UpdateAsync(DbSession s, ObjectDef def, Record r, long expectedVersion, string previousExternalIds, CancellationToken ct)
    {
        var table = RecordTable.For(def);
        var p = new ParameterList();
        var d = s.Dialect;
        var sets = new StringBuilder();
        sets.Append("updated_at = ").Append(p.Add(d, ColumnType.Timestamp, r.UpdatedAt))
            .Append(", deleted_at = ").Append(p.Add(d, ColumnType.Timestamp, r.DeletedAt))
            .Append(", version = ").Append(p.Add(d, ColumnType.Integer, r.Version))
            .Append(", owner_id = ").Append(p.Add(d, ColumnType.Uuid, r.OwnerId))
            .Append(", external_ids = ").Append(p.Add(d, ColumnType.Json, r.ExternalIdsJson))
            .Append(", custom = ").Append(p.Add(d, ColumnType.Json, r.CustomJson));
        foreach (var (index, column, type) in table.FieldColumns) sets.Append(", ").Append(column).Append(" = ").Append(p.Add(d, type, r.Values[index]));
        foreach (var column in table.DerivedColumns) sets.Append(", ").Append(column).Append(" = ").Append(p.Add(d, ColumnType.Text, r.Derived.GetValueOrDefault(column)));
        var sql = $"UPDATE {table.Name} SET {sets} WHERE id = {p.Add(d, ColumnType.Uuid, r.Id)} AND version = {p.Add(d, ColumnType.Integer, expectedVersion)}";
        var cmd = s.Command(sql, p);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        if (previousExternalIds != r.ExternalIdsJson) await SyncExternalIdsAsync(s, def, r.Id, previousExternalIds, r.ExternalIdsJson, ct);
        return true;
    }

    public static async Task<Guid?> FindByExternalIdAsync(DbSession s, string objectName, string system, string externalId, CancellationToken ct)
    {
        var p = new ParameterList();
        var d = s.Dialect;
        var sql = $"SELECT record_id FROM external_ids WHERE object = {p.Add(d, ColumnType.Text, objectName)} AND system = {p.Add(d, ColumnType.Text, system)} AND external_id = {p.Add(d, ColumnType.Text, externalId)}";
        var cmd = s.Command(sql, p);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value switch { null or DBNull => null, Guid g => g, string t => Guid.Parse(t), _ => null };
    }

    /// <summary>Whether a live record with this id exists in the table (users have no soft delete).</summary>
    public static async Task<bool> ExistsAsync(DbSession s, string table, Guid id, CancellationToken ct)
    {
        var p = new ParameterList();
        var live = table == "users" ? "" : " AND deleted_at IS NULL";
        var cmd = s.Command($"SELECT 1 FROM {table} WHERE id = {p.Add(s.Dialect, ColumnType.Uuid, id)}{live}", p);
        return await cmd.ExecuteScalarAsync(ct) is not (null or DBNull);
    }

    /// <summary>The live record other than <paramref name="except"/> holding this value in a unique column, if any.</summary>
    public static async Task<Guid?> FindHolderAsync(DbSession s, ObjectDef def, string column, ColumnType type, object value, Guid except, CancellationToken ct)
    {
        var p = new ParameterList();
        var d = s.Dialect;
        var sql = $"SELECT id FROM {def.Table} WHERE {column} = {p.Add(d, type, value)} AND deleted_at IS NULL AND id <> {p.Add(d, ColumnType.Uuid, except)}";
        return await ScalarGuidAsync(s, sql, p, ct);
    }

    public static async Task<Guid?> FindCustomHolderAsync(DbSession s, ObjectDef def, string customField, string value, Guid except, CancellationToken ct)
    {
        var p = new ParameterList();
        var d = s.Dialect;
        var expr = d.Provider == DatabaseProvider.Postgres ? d.JsonText("custom", [customField]) : $"CAST({d.JsonText("custom", [customField])} AS TEXT)";
        var sql = $"SELECT id FROM {def.Table} WHERE {expr} = {p.Add(d, ColumnType.Text, value)} AND deleted_at IS NULL AND id <> {p.Add(d, ColumnType.Uuid, except)}";
        return await ScalarGuidAsync(s, sql, p, ct);
    }

    private static async Task<Guid?> ScalarGuidAsync(DbSession s, string sql, ParameterList p, CancellationToken ct)
    {
        var cmd = s.Command(sql + " LIMIT 1", p);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value switch { Guid g => g, string t => Guid.Parse(t), _ => null };
    }

    private static async Task SyncExternalIdsAsync(DbSession s, ObjectDef def, Guid id, string? previousJson, string currentJson, CancellationToken ct)
    {
        var before = Parse(previousJson);
        var after = Parse(currentJson);
        var d = s.Dialect;
        foreach (var (system, value) in before)
        {
            if (after.TryGetValue(system, out var now) && now == value) continue;
            var p = new ParameterList();
            var sql = $"DELETE FROM external_ids WHERE object = {p.Add(d, ColumnType.Text, def.Name)} AND system = {p.Add(d, ColumnType.Text, system)} AND external_id = {p.Add(d, ColumnType.Text, value)} AND record_id = {p.Add(d, ColumnType.Uuid, id)}";
            var cmd = s.Command(sql, p);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var (system, value) in after)
        {
            if (before.TryGetValue(system, out var was) && was == value) continue;
            var holder = await FindByExternalIdAsync(s, def.Name, system, value, ct);
            if (holder is { } other && other != id) throw new ExternalIdConflictException(system, value, other);
            var p = new ParameterList();
            var sql = $"INSERT INTO external_ids (object, system, external_id, record_id) VALUES ({p.Add(d, ColumnType.Text, def.Name)}, {p.Add(d, ColumnType.Text, system)}, {p.Add(d, ColumnType.Text, value)}, {p.Add(d, ColumnType.Uuid, id)})";
            var cmd = s.Command(sql, p);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static Dictionary<string, string> Parse(string? json) =>
        string.IsNullOrEmpty(json) || json == "{}" ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
