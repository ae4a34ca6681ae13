using Rapport.Data.Sql;
using Rapport.Domain.Metadata;

namespace Rapport.Data.Quality;

/// <summary>One relation that a merge pointed from a merged record to the survivor.</summary>
public sealed record ReferenceMove(string Object, Guid Id, string Field, Guid From);

/// <summary>
/// Moves the records that point at merged records (opportunities, cases, activities, orders, child
/// accounts ...) to the survivor, found through the catalogue's relation fields, and moves them back on
/// undo. Each moved record gets a new version, so readers and the change feed see it changed.
/// </summary>
public static class ReferenceMoves
{
    /// <summary>Every (object, relation field, discriminator column) that can point at <paramref name="target"/>.</summary>
    public static IEnumerable<(ObjectDef Object, FieldDef Field, string? KindColumn)> To(string target)
    {
        foreach (var o in StandardObjects.All)
            foreach (var f in o.Fields)
            {
                if (f.Kind != FieldKind.Reference || f.Column is null || f.ReadOnly) continue;
                if (f.Target == target) yield return (o, f, null);
                else if (f.Target is ['@', .. var kind] && o.Field(kind)?.Column is { } kindColumn) yield return (o, f, kindColumn);
            }
    }

    public static async Task<List<ReferenceMove>> MoveAsync(DbSession s, string target, IReadOnlyCollection<Guid> from, Guid to, DateTime at, CancellationToken ct)
    {
        var moves = new List<ReferenceMove>();
        var d = s.Dialect;
        foreach (var (o, f, kindColumn) in To(target))
        {
            var p = new ParameterList();
            var where = $"{f.Column} IN ({string.Join(", ", from.Select(id => p.Add(d, ColumnType.Uuid, id)))})";
            if (kindColumn is not null) where += $" AND {kindColumn} = {p.Add(d, ColumnType.Text, target)}";
            var found = new List<ReferenceMove>();
            await using (var reader = await s.Command($"SELECT id, {f.Column} FROM {o.Table} WHERE {where}", p).ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    found.Add(new ReferenceMove(o.Name, (Guid)d.Read(reader, 0, ColumnType.Uuid)!, f.Name, (Guid)d.Read(reader, 1, ColumnType.Uuid)!));
            if (found.Count == 0) continue;
            var set = $"{f.Column} = {p.Add(d, ColumnType.Uuid, to)}, version = version + 1, updated_at = {p.Add(d, ColumnType.Timestamp, at)}";
            await s.Command($"UPDATE {o.Table} SET {set} WHERE {where}", p).ExecuteNonQueryAsync(ct);
            moves.AddRange(found);
        }
        return moves;
    }

    /// <summary>Points each moved relation back, where it still points at <paramref name="to"/>; returns those that went back.</summary>
    public static async Task<List<ReferenceMove>> RevertAsync(DbSession s, IEnumerable<ReferenceMove> moves, Guid to, DateTime at, CancellationToken ct)
    {
        var d = s.Dialect;
        var reverted = new List<ReferenceMove>();
        foreach (var move in moves)
        {
            var o = StandardObjects.Find(move.Object);
            var column = o?.Field(move.Field)?.Column;
            if (o is null || column is null) continue;
            var p = new ParameterList();
            var sql = $"UPDATE {o.Table} SET {column} = {p.Add(d, ColumnType.Uuid, move.From)}, version = version + 1, updated_at = {p.Add(d, ColumnType.Timestamp, at)} " +
                      $"WHERE id = {p.Add(d, ColumnType.Uuid, move.Id)} AND {column} = {p.Add(d, ColumnType.Uuid, to)}";
            if (await s.Command(sql, p).ExecuteNonQueryAsync(ct) > 0) reverted.Add(move);
        }
        return reverted;
    }
}
