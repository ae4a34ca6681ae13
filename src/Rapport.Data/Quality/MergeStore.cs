using Rapport.Data.Sql;

namespace Rapport.Data.Quality;

/// <summary>A stored merge: who merged what into which record, and the state its undo needs (JSON).</summary>
public sealed record MergeRow(Guid Id, string Object, Guid SurvivorId, string MergedIdsJson, string ClientId, DateTime CreatedAt, DateTime? UndoneAt, string StateJson);

/// <summary>The <c>merges</c> table and the redirects that answer for merged records.</summary>
public static class MergeStore
{
    public static async Task InsertAsync(DbSession s, MergeRow m, IEnumerable<Guid> mergedIds, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = "INSERT INTO merges (id, object, survivor_id, merged_ids, client_id, created_at, undone_at, state) VALUES (" +
                  $"{p.Add(d, ColumnType.Uuid, m.Id)}, {p.Add(d, ColumnType.Text, m.Object)}, {p.Add(d, ColumnType.Uuid, m.SurvivorId)}, {p.Add(d, ColumnType.Json, m.MergedIdsJson)}, " +
                  $"{p.Add(d, ColumnType.Text, m.ClientId)}, {p.Add(d, ColumnType.Timestamp, m.CreatedAt)}, NULL, {p.Add(d, ColumnType.Json, m.StateJson)})";
        await s.Command(sql, p).ExecuteNonQueryAsync(ct);
        foreach (var id in mergedIds)
        {
            var q = new ParameterList();
            // A record merged, restored by an undo and merged again replaces its old redirect.
            await s.Command($"DELETE FROM record_redirects WHERE object = {q.Add(d, ColumnType.Text, m.Object)} AND record_id = {q.Add(d, ColumnType.Uuid, id)}", q).ExecuteNonQueryAsync(ct);
            q = new ParameterList();
            await s.Command("INSERT INTO record_redirects (object, record_id, survivor_id, merge_id) VALUES (" +
                            $"{q.Add(d, ColumnType.Text, m.Object)}, {q.Add(d, ColumnType.Uuid, id)}, {q.Add(d, ColumnType.Uuid, m.SurvivorId)}, {q.Add(d, ColumnType.Uuid, m.Id)})", q).ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Reads a merge; with <paramref name="forUpdate"/> on PostgreSQL the row stays locked until commit, so two undos queue.</summary>
    public static async Task<MergeRow?> GetAsync(DbSession s, Guid id, bool forUpdate, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var lockClause = forUpdate && d.Provider == DatabaseProvider.Postgres && s.Transaction is not null ? " FOR UPDATE" : "";
        var sql = $"SELECT id, object, survivor_id, merged_ids, client_id, created_at, undone_at, state FROM merges WHERE id = {p.Add(d, ColumnType.Uuid, id)}{lockClause}";
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new MergeRow((Guid)d.Read(reader, 0, ColumnType.Uuid)!, reader.GetString(1), (Guid)d.Read(reader, 2, ColumnType.Uuid)!,
            (string)d.Read(reader, 3, ColumnType.Json)!, reader.GetString(4), (DateTime)d.Read(reader, 5, ColumnType.Timestamp)!,
            (DateTime?)d.Read(reader, 6, ColumnType.Timestamp), (string)d.Read(reader, 7, ColumnType.Json)!);
    }

    public static async Task MarkUndoneAsync(DbSession s, Guid id, DateTime at, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        await s.Command($"UPDATE merges SET undone_at = {p.Add(d, ColumnType.Timestamp, at)} WHERE id = {p.Add(d, ColumnType.Uuid, id)}", p).ExecuteNonQueryAsync(ct);
        p = new ParameterList();
        await s.Command($"DELETE FROM record_redirects WHERE merge_id = {p.Add(d, ColumnType.Uuid, id)}", p).ExecuteNonQueryAsync(ct);
    }

    /// <summary>Where a merged record went: the survivor and the merge, or null when the record was never merged.</summary>
    public static async Task<(Guid SurvivorId, Guid MergeId)?> FindRedirectAsync(DbSession s, string objectName, Guid id, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"SELECT survivor_id, merge_id FROM record_redirects WHERE object = {p.Add(d, ColumnType.Text, objectName)} AND record_id = {p.Add(d, ColumnType.Uuid, id)}";
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return ((Guid)d.Read(reader, 0, ColumnType.Uuid)!, (Guid)d.Read(reader, 1, ColumnType.Uuid)!);
    }
}
