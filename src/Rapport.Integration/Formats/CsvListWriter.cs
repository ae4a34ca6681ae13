using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes a page of records as RFC 4180 CSV for spreadsheets and flat-file imports. Records are
/// flattened to one row: nested objects become dotted columns, emails and phones collapse to their
/// primary value, other structures stay compact JSON in one cell. Text that a spreadsheet would run
/// as a formula is defused, because exports are opened by people, not just parsed by programs.
/// </summary>
public static class CsvListWriter
{
    private const string Crlf = "\r\n";

    /// <summary>
    /// The single column an array with a primary item collapses to (its <see cref="FieldDef.ItemName"/>),
    /// mapped to the array property and the item property it shows; read from the catalogue.
    /// </summary>
    private static readonly FrozenDictionary<string, (string Array, string Property)> PrimaryColumns = BuildPrimaryColumns();

    /// <summary>
    /// The columns for <paramref name="records"/>: id, standard fields (projected by <paramref name="fields"/>),
    /// ownerId, externalIds.&lt;system&gt; for every system present (sorted), custom.&lt;name&gt; for every
    /// custom field, then createdAt, updatedAt, version.
    /// </summary>
    public static IReadOnlyList<string> Columns(ObjectSchema schema, IReadOnlyList<JsonObject> records, IReadOnlySet<string>? fields)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(records);
        var columns = new List<string> { SystemFields.Id };
        foreach (var field in schema.Definition.Fields)
        {
            if (!Wants(fields, field.Name)) continue;
            if (field.Kind == FieldKind.Object && field.Children is { Count: > 0 } children)
                columns.AddRange(children.Select(c => $"{field.Name}.{c.Name}"));
            else if (field.Kind == FieldKind.Array && field.PrimaryProperty is not null)
                columns.Add(field.ItemName ?? field.Name);
            else
                columns.Add(field.Name);
        }
        if (Wants(fields, SystemFields.OwnerId)) columns.Add(SystemFields.OwnerId);
        if (Wants(fields, SystemFields.ExternalIds))
        {
            var systems = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
                if (record[SystemFields.ExternalIds] is JsonObject ids)
                    foreach (var (system, _) in ids) systems.Add(system);
            columns.AddRange(systems.Select(s => $"{SystemFields.ExternalIds}.{s}"));
        }
        var allCustom = fields is null || fields.Contains(SystemFields.Custom);
        foreach (var custom in schema.CustomFields)
            if (allCustom || fields!.Contains($"{SystemFields.Custom}.{custom.Name}"))
                columns.Add($"{SystemFields.Custom}.{custom.Name}");
        foreach (var name in (ReadOnlySpan<string>)[SystemFields.CreatedAt, SystemFields.UpdatedAt, SystemFields.Version])
            if (Wants(fields, name)) columns.Add(name);
        return columns;
    }

    /// <summary>Writes the header row and one row per record, CRLF-terminated, quoting where RFC 4180 requires.</summary>
    public static void Write(TextWriter w, IReadOnlyList<string> columns, IReadOnlyList<JsonObject> records)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(records);
        WriteRow(w, columns.Select(Escape));
        foreach (var record in records)
            WriteRow(w, columns.Select(c => Escape(Cell(Flatten(record, c)))));
    }

    /// <summary>
    /// The value behind a column: a top-level property, a dotted path into an object
    /// (<c>address.city</c>, <c>externalIds.erp</c>, <c>custom.tier</c>), or the primary item's value
    /// for a collapsed array column (<c>email</c>, <c>phone</c>). Null when the record has none.
    /// </summary>
    public static JsonNode? Flatten(JsonObject record, string column)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(column);
        if (record.TryGetPropertyValue(column, out var direct)) return direct;
        var dot = column.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && record[column[..dot]] is JsonObject parent) return parent[column[(dot + 1)..]];
        if (PrimaryColumns.TryGetValue(column, out var primary) && record[primary.Array] is JsonArray items)
            return PrimaryItem(items)?[primary.Property];
        return null;
    }

    /// <summary>The item marked <c>"primary": true</c>, else the first item, else null.</summary>
    public static JsonObject? PrimaryItem(JsonArray items)
    {
        ArgumentNullException.ThrowIfNull(items);
        JsonObject? first = null;
        foreach (var item in items)
        {
            if (item is not JsonObject obj) continue;
            first ??= obj;
            if (obj["primary"] is JsonValue flag && flag.TryGetValue(out bool isPrimary) && isPrimary) return obj;
        }
        return first;
    }

    /// <summary>
    /// The cell text of a value (before CSV quoting): empty for null, invariant numbers, true/false,
    /// compact JSON for objects and arrays, and strings defused against formula injection.
    /// </summary>
    public static string Cell(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => Defuse(XmlRecordWriter.ScalarText(v)),
        JsonValue v => XmlRecordWriter.ScalarText(v),
        _ => value.ToJsonString(RecordJson.Options),
    };

    /// <summary>
    /// Prefixes a quote to text a spreadsheet would evaluate (= + - @ tab CR at the start, also after
    /// leading quotes, so that <see cref="CsvRowReader"/> can take exactly one quote off again).
    /// </summary>
    public static string Defuse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CsvEscaping.NeedsDefusing(text) ? "'" + text : text;
    }

    /// <summary>Quotes a field when it holds a comma, a quote, CR or LF, doubling the quotes inside.</summary>
    public static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return CsvEscaping.NeedsQuoting(field) ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static void WriteRow(TextWriter w, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) w.Write(',');
            w.Write(cell);
            first = false;
        }
        w.Write(Crlf);
    }

    private static bool Wants(IReadOnlySet<string>? fields, string name) => fields is null || fields.Contains(name);

    private static FrozenDictionary<string, (string Array, string Property)> BuildPrimaryColumns()
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var def in StandardObjects.All)
            foreach (var field in def.Fields)
                if (field is { Kind: FieldKind.Array, PrimaryProperty: { } property })
                    map.TryAdd(field.ItemName ?? field.Name, (field.Name, property));
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
