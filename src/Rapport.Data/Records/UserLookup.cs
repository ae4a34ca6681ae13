using System.Text;
using Rapport.Data.Sql;

namespace Rapport.Data.Records;

/// <summary>Finds users by <c>id</c>, <c>email</c> or <c>name</c> (case-insensitive), many at a time: <c>owner.email</c> on import.</summary>
public static class UserLookup
{
    public const string Target = "users";

    public static string? Problem(string keyPath) =>
        keyPath is "id" or "email" or "name" ? null : "is not a key of users (use owner.email, owner.name or owner.id)";

    public static async Task<Dictionary<string, List<Guid>>> FindAsync(DbSession s, string keyPath, IReadOnlyCollection<string> values, CancellationToken ct)
    {
        var found = new Dictionary<string, List<Guid>>(StringComparer.Ordinal);
        var d = s.Dialect;
        foreach (var chunk in InList.Chunks(values, 256))
        {
            var p = new ParameterList();
            var sql = new StringBuilder();
            if (keyPath == "id")
            {
                var ids = chunk.Select(v => Guid.TryParse(v, out var g) ? g : (Guid?)null).Where(g => g is not null).Select(g => g!.Value).ToList();
                if (ids.Count == 0) continue;
                ids = [.. InList.Padded(ids)];
                sql.Append("SELECT id, id FROM users WHERE id IN (").AppendJoin(", ", ids.Select(g => p.Add(d, ColumnType.Uuid, g))).Append(')');
            }
            else
            {
                sql.Append($"SELECT LOWER({keyPath}), id FROM users WHERE LOWER({keyPath}) IN (")
                   .AppendJoin(", ", chunk.Select(v => p.Add(d, ColumnType.Text, v.ToLowerInvariant()))).Append(')');
            }
            await using var reader = await s.Command(sql.ToString(), p).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = keyPath == "id" ? ((Guid)d.Read(reader, 0, ColumnType.Uuid)!).ToString() : reader.GetString(0);
                if (!found.TryGetValue(key, out var list)) found[key] = list = [];
                list.Add((Guid)d.Read(reader, 1, ColumnType.Uuid)!);
            }
        }
        return found;
    }
}
