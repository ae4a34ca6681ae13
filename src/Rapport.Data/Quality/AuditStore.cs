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

/// <summary>The <c>record_audit</c> table, written in the transaction of the change it describes.</summary>
public static class AuditStore
{
    public static async Task AddAsync(DbSession s, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var d = s.Dialect;
        foreach (var chunk in entries.Chunk(100))
        {
            var p = new ParameterList();
            var values = string.Join(", ", chunk.Select(e =>
                $"({p.Add(d, ColumnType.Uuid, e.Id)}, {p.Add(d, ColumnType.Text, e.Object)}, {p.Add(d, ColumnType.Uuid, e.RecordId)}, {p.Add(d, ColumnType.Timestamp, e.At)}, " +
                $"{p.Add(d, ColumnType.Text, e.ClientId)}, {p.Add(d, ColumnType.Text, e.Action)}, {p.Add(d, ColumnType.Json, e.DetailsJson)})"));
            await s.Command($"INSERT INTO record_audit (id, object, record_id, at, client_id, action, details) VALUES {values}", p).ExecuteNonQueryAsync(ct);
        }
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
