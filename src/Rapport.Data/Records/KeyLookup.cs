using System.Text;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;

namespace Rapport.Data.Records;

/// <summary>
/// Finds live records by a natural key for many values in one query: <c>id</c>,
/// <c>externalIds.&lt;system&gt;</c>, a stored field (<c>domain</c>, <c>name</c>, <c>sku</c>), the
/// primary <c>email</c> or <c>phone</c>, or <c>custom.&lt;name&gt;</c>. Bulk import links relations and
/// matches existing records with it, a batch at a time instead of a query per row.
/// </summary>
public static class KeyLookup
{
    /// <summary>Whether <paramref name="keyPath"/> names a key records of <paramref name="schema"/> can be found by.</summary>
    public static string? Problem(ObjectSchema schema, string keyPath)
    {
        if (keyPath == SystemFields.Id) return null;
        if (keyPath.StartsWith(SystemFields.ExternalIds + ".", StringComparison.Ordinal))
            return keyPath.Length > SystemFields.ExternalIds.Length + 1 ? null : "names no external system";
        if (keyPath.StartsWith(SystemFields.Custom + ".", StringComparison.Ordinal))
            return schema.Custom(keyPath[(SystemFields.Custom.Length + 1)..]) is null ? $"is not a custom field of {schema.Name}" : null;
        var def = schema.Definition;
        if (def.Fields.Any(f => f.PrimaryColumn == keyPath)) return null;
        var field = def.Field(keyPath);
        if (field?.Column is null || field.Kind is FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist)
            return $"is not a field of {schema.Name} that identifies a record (use id, externalIds.<system>, a text field, email or custom.<name>)";
        return null;
    }

    /// <summary>
    /// The live records holding each value: the key as the caller normalised it → record ids (more than
    /// one means the key is ambiguous). Text keys compare as stored; <c>email</c> and <c>domain</c> also
    /// match in lower case; <c>name</c> ignores case.
    /// </summary>
    public static async Task<Dictionary<string, List<Guid>>> FindAsync(DbSession s, ObjectSchema schema, string keyPath, IReadOnlyCollection<string> values, CancellationToken ct)
    {
        var found = new Dictionary<string, List<Guid>>(StringComparer.Ordinal);
        foreach (var chunk in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).Chunk(InList.MaxChunk))
            await FindChunkAsync(s, schema, keyPath, chunk, found, ct);
        return found;
    }

    /// <summary>How a value is compared for <paramref name="keyPath"/>: lower case where the key ignores case.</summary>
    public static string Normalize(string keyPath, string value) =>
        keyPath is "email" or "domain" or "name" or "id" ? value.Trim().ToLowerInvariant() : value.Trim();

    private static async Task FindChunkAsync(DbSession s, ObjectSchema schema, string keyPath, IReadOnlyList<string> values, Dictionary<string, List<Guid>> found, CancellationToken ct)
    {
        var d = s.Dialect;
        var def = schema.Definition;
        var table = RecordTable.For(def);
        var p = new ParameterList();
        var sql = new StringBuilder();
        if (keyPath == SystemFields.Id)
        {
            var ids = values.Select(v => Guid.TryParse(v, out var g) ? g : (Guid?)null).Where(g => g is not null).Select(g => g!.Value).ToList();
            if (ids.Count == 0) return;
            sql.Append($"SELECT id, id FROM {table.Name} WHERE deleted_at IS NULL AND id IN (")
               .AppendJoin(", ", InList.Padded(ids).Select(g => p.Add(d, ColumnType.Uuid, g))).Append(')');
            await ReadAsync(s, sql.ToString(), p, found, keyIsUuid: true, ct);
            return;
        }
        if (keyPath.StartsWith(SystemFields.ExternalIds + ".", StringComparison.Ordinal))
        {
            var system = keyPath[(SystemFields.ExternalIds.Length + 1)..];
            sql.Append($"SELECT x.external_id, x.record_id FROM external_ids x JOIN {table.Name} r ON r.id = x.record_id ")
               .Append($"WHERE r.deleted_at IS NULL AND x.object = {p.Add(d, ColumnType.Text, def.Name)} AND x.system = {p.Add(d, ColumnType.Text, system)} AND x.external_id IN (")
               .AppendJoin(", ", InList.Padded(values).Select(v => p.Add(d, ColumnType.Text, v))).Append(')');
            await ReadAsync(s, sql.ToString(), p, found, keyIsUuid: false, ct);
            return;
        }
        string expression;
        IEnumerable<string> bound = values;
        if (keyPath.StartsWith(SystemFields.Custom + ".", StringComparison.Ordinal))
            expression = d.JsonText("custom", [keyPath[(SystemFields.Custom.Length + 1)..]]);
        else if (def.Fields.Any(f => f.PrimaryColumn == keyPath))
            expression = keyPath;
        else
        {
            var column = def.Field(keyPath)!.Column!;
            if (keyPath == "name") { expression = $"LOWER({column})"; }
            else if (keyPath == "domain") { expression = column; bound = values.Concat(values.Select(v => v.ToUpperInvariant())).Distinct(); }
            else expression = column;
        }
        sql.Append($"SELECT {(keyPath is "name" or "domain" ? $"LOWER({expression})" : expression)}, id FROM {table.Name} WHERE deleted_at IS NULL AND {expression} IN (")
           .AppendJoin(", ", InList.Padded(bound.ToList()).Select(v => p.Add(d, ColumnType.Text, v))).Append(')');
        await ReadAsync(s, sql.ToString(), p, found, keyIsUuid: false, ct);
    }

    private static async Task ReadAsync(DbSession s, string sql, ParameterList p, Dictionary<string, List<Guid>> found, bool keyIsUuid, CancellationToken ct)
    {
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = keyIsUuid ? ((Guid)s.Dialect.Read(reader, 0, ColumnType.Uuid)!).ToString() : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!;
            var id = (Guid)s.Dialect.Read(reader, 1, ColumnType.Uuid)!;
            if (!found.TryGetValue(key, out var ids)) found[key] = ids = [];
            if (!ids.Contains(id)) ids.Add(id);
        }
    }
}
