using System.Text;
using Rapport.Domain.Metadata;

namespace Rapport.Data.Records;

/// <summary>
/// Builds a record's API JSON inside SQLite (<c>json_object</c>): one text value per row instead of
/// some thirty column reads through the driver, each of which costs more than SQLite's own work. The
/// document has the fields, order and value types of <c>RecordJsonWriter</c>: stored JSON is embedded as
/// JSON, decimals (stored as text) as numbers, booleans as true/false, every custom field with null
/// when absent. The list read path uses it on SQLite; other paths materialise records.
/// </summary>
public static class SqliteRecordJson
{
    /// <summary>SQLite's default limit on a function's arguments (SQLITE_MAX_FUNCTION_ARG).</summary>
    private const int MaxArguments = 127;

    /// <summary>The SQL expression for one row's JSON, or null when the record has too many fields for one call.</summary>
    public static string? Expression(ObjectSchema schema, IReadOnlySet<string>? fields)
    {
        var def = schema.Definition;
        var parts = new List<string> { "'id'", "id" };
        foreach (var field in def.Fields)
        {
            if (fields is not null && !fields.Contains(field.Name)) continue;
            if (field.Column is null) return null;
            parts.Add(Key(field.Name));
            parts.Add(Value(field.Column, field.Kind));
        }
        if (Wants(fields, SystemFields.OwnerId)) { parts.Add(Key(SystemFields.OwnerId)); parts.Add("owner_id"); }
        if (Wants(fields, SystemFields.ExternalIds)) { parts.Add(Key(SystemFields.ExternalIds)); parts.Add("json(external_ids)"); }
        var allCustom = fields is null || fields.Contains(SystemFields.Custom);
        if (allCustom || fields!.Any(f => f.StartsWith("custom.", StringComparison.Ordinal)))
        {
            var custom = new List<string>();
            foreach (var field in schema.CustomFields)
            {
                if (!allCustom && !fields!.Contains("custom." + field.Name)) continue;
                if (!IsPlainName(field.Name)) return null;
                custom.Add(Key(field.Name));
                custom.Add($"custom -> '$.\"{field.Name}\"'");
            }
            if (custom.Count > MaxArguments) return null;
            parts.Add(Key(SystemFields.Custom));
            parts.Add($"json_object({string.Join(", ", custom)})");
        }
        if (Wants(fields, SystemFields.CreatedAt)) { parts.Add(Key(SystemFields.CreatedAt)); parts.Add("created_at"); }
        if (Wants(fields, SystemFields.UpdatedAt)) { parts.Add(Key(SystemFields.UpdatedAt)); parts.Add("updated_at"); }
        if (Wants(fields, SystemFields.Version)) { parts.Add(Key(SystemFields.Version)); parts.Add("version"); }
        if (parts.Count > MaxArguments) return null;
        return new StringBuilder("json_object(").AppendJoin(", ", parts).Append(')').ToString();
    }

    private static bool Wants(IReadOnlySet<string>? fields, string name) => fields is null || fields.Contains(name);

    private static string Key(string name) => IsPlainName(name) ? $"'{name}'" : throw new ArgumentException($"unexpected field name {name}");

    private static bool IsPlainName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Value(string column, FieldKind kind) => kind switch
    {
        FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist => $"json({column})",
        FieldKind.Decimal or FieldKind.Money => $"json({column})",
        FieldKind.Boolean => $"CASE {column} WHEN 1 THEN json('true') WHEN 0 THEN json('false') END",
        _ => column,
    };
}
