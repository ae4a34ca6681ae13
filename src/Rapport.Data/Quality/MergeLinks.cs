using Rapport.Data.Sql;

namespace Rapport.Data.Quality;

/// <summary>A campaign membership a merge moved (<see cref="Removed"/>: deleted because the survivor was already a member).</summary>
public sealed record MembershipMove(Guid Id, Guid CampaignId, Guid From, string Status, DateTime CreatedAt, DateTime UpdatedAt, bool Removed);

/// <summary>An external id of a merged record, now leading to the survivor.</summary>
public sealed record ExternalIdMove(string System, string ExternalId, Guid From);

/// <summary>
/// The links a merge carries over besides relation fields: campaign memberships and external ids.
/// Both are kept reversible: what moved is returned, and undo puts back what still points at the survivor.
/// </summary>
public static class MergeLinks
{
    public static async Task<List<MembershipMove>> MoveMembershipsAsync(DbSession s, string objectName, IReadOnlyCollection<Guid> from, Guid to, DateTime at, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var ids = string.Join(", ", from.Prepend(to).Select(id => p.Add(d, ColumnType.Uuid, id)));
        var rows = new List<(Guid Id, Guid Campaign, Guid Member, string Status, DateTime Created, DateTime Updated)>();
        var sql = $"SELECT id, campaign_id, member_id, status, created_at, updated_at FROM campaign_members WHERE member_object = {p.Add(d, ColumnType.Text, objectName)} AND member_id IN ({ids}) ORDER BY created_at, id";
        await using (var reader = await s.Command(sql, p).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add(((Guid)d.Read(reader, 0, ColumnType.Uuid)!, (Guid)d.Read(reader, 1, ColumnType.Uuid)!, (Guid)d.Read(reader, 2, ColumnType.Uuid)!,
                    reader.GetString(3), (DateTime)d.Read(reader, 4, ColumnType.Timestamp)!, (DateTime)d.Read(reader, 5, ColumnType.Timestamp)!));
        var campaigns = rows.Where(r => r.Member == to).Select(r => r.Campaign).ToHashSet();
        var moves = new List<MembershipMove>();
        foreach (var r in rows.Where(r => r.Member != to))
        {
            var removed = !campaigns.Add(r.Campaign);
            var q = new ParameterList();
            var change = removed
                ? $"DELETE FROM campaign_members WHERE id = {q.Add(d, ColumnType.Uuid, r.Id)}"
                : $"UPDATE campaign_members SET member_id = {q.Add(d, ColumnType.Uuid, to)}, updated_at = {q.Add(d, ColumnType.Timestamp, at)} WHERE id = {q.Add(d, ColumnType.Uuid, r.Id)}";
            await s.Command(change, q).ExecuteNonQueryAsync(ct);
            moves.Add(new MembershipMove(r.Id, r.Campaign, r.Member, r.Status, r.Created, r.Updated, removed));
        }
        return moves;
    }

    public static async Task RevertMembershipsAsync(DbSession s, string objectName, IEnumerable<MembershipMove> moves, Guid to, DateTime at, CancellationToken ct)
    {
        var d = s.Dialect;
        foreach (var m in moves)
        {
            var p = new ParameterList();
            var sql = m.Removed
                ? $"INSERT INTO campaign_members (id, campaign_id, member_object, member_id, status, created_at, updated_at) VALUES ({p.Add(d, ColumnType.Uuid, m.Id)}, " +
                  $"{p.Add(d, ColumnType.Uuid, m.CampaignId)}, {p.Add(d, ColumnType.Text, objectName)}, {p.Add(d, ColumnType.Uuid, m.From)}, {p.Add(d, ColumnType.Text, m.Status)}, " +
                  $"{p.Add(d, ColumnType.Timestamp, m.CreatedAt)}, {p.Add(d, ColumnType.Timestamp, m.UpdatedAt)}) ON CONFLICT DO NOTHING"
                : $"UPDATE campaign_members SET member_id = {p.Add(d, ColumnType.Uuid, m.From)}, updated_at = {p.Add(d, ColumnType.Timestamp, at)} " +
                  $"WHERE id = {p.Add(d, ColumnType.Uuid, m.Id)} AND member_id = {p.Add(d, ColumnType.Uuid, to)}";
            await s.Command(sql, p).ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task<List<ExternalIdMove>> MoveExternalIdsAsync(DbSession s, string objectName, IReadOnlyCollection<Guid> from, Guid to, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var where = $"object = {p.Add(d, ColumnType.Text, objectName)} AND record_id IN ({string.Join(", ", from.Select(id => p.Add(d, ColumnType.Uuid, id)))})";
        var moves = new List<ExternalIdMove>();
        await using (var reader = await s.Command($"SELECT system, external_id, record_id FROM external_ids WHERE {where}", p).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                moves.Add(new ExternalIdMove(reader.GetString(0), reader.GetString(1), (Guid)d.Read(reader, 2, ColumnType.Uuid)!));
        if (moves.Count > 0)
            await s.Command($"UPDATE external_ids SET record_id = {p.Add(d, ColumnType.Uuid, to)} WHERE {where}", p).ExecuteNonQueryAsync(ct);
        return moves;
    }

    /// <summary>
    /// Gives each external id back to its merged record. One that the survivor dropped since is added
    /// again when free; one another record took in the meantime is returned as a conflict.
    /// </summary>
    public static async Task<List<ExternalIdMove>> RevertExternalIdsAsync(DbSession s, string objectName, IEnumerable<ExternalIdMove> moves, Guid to, CancellationToken ct)
    {
        var d = s.Dialect;
        var conflicts = new List<ExternalIdMove>();
        foreach (var m in moves)
        {
            var holder = await Records.RecordStore.FindByExternalIdAsync(s, objectName, m.System, m.ExternalId, ct);
            if (holder == m.From) continue;
            var p = new ParameterList();
            var key = $"object = {p.Add(d, ColumnType.Text, objectName)} AND system = {p.Add(d, ColumnType.Text, m.System)} AND external_id = {p.Add(d, ColumnType.Text, m.ExternalId)}";
            if (holder == to)
                await s.Command($"UPDATE external_ids SET record_id = {p.Add(d, ColumnType.Uuid, m.From)} WHERE {key}", p).ExecuteNonQueryAsync(ct);
            else if (holder is null)
                await s.Command($"INSERT INTO external_ids (object, system, external_id, record_id) VALUES ({p.Add(d, ColumnType.Text, objectName)}, " +
                                $"{p.Add(d, ColumnType.Text, m.System)}, {p.Add(d, ColumnType.Text, m.ExternalId)}, {p.Add(d, ColumnType.Uuid, m.From)})", p).ExecuteNonQueryAsync(ct);
            else conflicts.Add(m);
        }
        return conflicts;
    }
}
