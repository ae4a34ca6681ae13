using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using Rapport.Domain.Records;

namespace Rapport.Integration.Formats;

/// <summary>
/// The cells of a flat export row (CSV, XLSX) straight from a stored record: the same text
/// <see cref="CsvListWriter.Flatten"/> gives for the record's JSON, without building that JSON. Each
/// column's accessor is planned once; per record, each JSON column is parsed at most once.
/// </summary>
public sealed class RecordFlattener
{
    private delegate string? Cell(Record record, Parsed parsed);

    private readonly Cell[] _cells;
    private readonly ObjectSchema _schema;

    public RecordFlattener(ObjectSchema schema, IReadOnlyList<string> columns)
    {
        _schema = schema;
        _cells = columns.Select(Plan).ToArray();
    }

    /// <summary>Writes the cells of <paramref name="record"/> into <paramref name="cells"/> (parallel to the columns; null for no value).</summary>
    public void Fill(Record record, string?[] cells)
    {
        using var parsed = new Parsed();
        for (var i = 0; i < _cells.Length; i++) cells[i] = _cells[i](record, parsed);
    }

    private Cell Plan(string column)
    {
        var def = _schema.Definition;
        switch (column)
        {
            case SystemFields.Id: return (r, _) => r.Id.ToString();
            case SystemFields.OwnerId: return (r, _) => r.OwnerId.ToString();
            case SystemFields.CreatedAt: return (r, _) => Timestamps.ToText(r.CreatedAt);
            case SystemFields.UpdatedAt: return (r, _) => Timestamps.ToText(r.UpdatedAt);
            case SystemFields.Version: return (r, _) => r.Version.ToString(CultureInfo.InvariantCulture);
        }
        var index = def.IndexOf(column);
        if (index >= 0)
        {
            var kind = def.Fields[index].Kind;
            return kind is FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist
                ? (r, _) => r.Values[index] is string json ? Compact(json) : null
                : (r, _) => QueryValues.ToText(r.Values[index]);
        }
        var dot = column.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var head = column[..dot];
            var rest = column[(dot + 1)..];
            if (head == SystemFields.ExternalIds) return (r, p) => Property(p.Json(-1, r.ExternalIdsJson), rest);
            if (head == SystemFields.Custom) return (r, p) => Property(p.Json(-2, r.CustomJson), rest);
            var parent = def.IndexOf(head);
            if (parent >= 0 && def.Fields[parent].Kind == FieldKind.Object)
                return (r, p) => r.Values[parent] is string json ? Property(p.Json(parent, json), rest) : null;
            return (_, _) => null;
        }
        foreach (var field in def.Fields)
        {
            if (field is not { Kind: FieldKind.Array, PrimaryProperty: { } property } || (field.ItemName ?? field.Name) != column) continue;
            var array = def.IndexOf(field.Name);
            return (r, p) => r.Values[array] is string json ? Primary(p.Json(array, json), property) : null;
        }
        return (_, _) => null;
    }

    private static string? Property(JsonElement? obj, string name) =>
        obj is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? Text(value) : null;

    private static string? Primary(JsonElement? array, string property)
    {
        if (array is not { ValueKind: JsonValueKind.Array } items) return null;
        JsonElement? first = null;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            first ??= item;
            if (item.TryGetProperty("primary", out var flag) && flag.ValueKind == JsonValueKind.True) return Property(item, property);
        }
        return first is { } f ? Property(f, property) : null;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Object or JsonValueKind.Array => Compact(value.GetRawText()),
        _ => value.GetRawText(),
    };

    /// <summary>JSON as the API writes it: PostgreSQL hands jsonb back with its own spacing.</summary>
    private static string Compact(string json) => JsonNode.Parse(json)?.ToJsonString(RecordJson.Options) ?? "null";

    /// <summary>The JSON columns of one record, each parsed on first use and released with the record.</summary>
    private sealed class Parsed : IDisposable
    {
        private readonly Dictionary<int, JsonDocument?> _documents = [];

        public JsonElement? Json(int key, string? json)
        {
            if (!_documents.TryGetValue(key, out var doc))
            {
                doc = string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json);
                _documents[key] = doc;
            }
            return doc?.RootElement;
        }

        public void Dispose()
        {
            foreach (var doc in _documents.Values) doc?.Dispose();
        }
    }
}
