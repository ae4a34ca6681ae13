using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes records as JSON straight from their stored form: nested values are already canonical
/// JSON text and are copied raw, so a read costs one pass. Field order is the catalogue's.
/// </summary>
public static class RecordJsonWriter
{
    public static void Write(Utf8JsonWriter w, ObjectSchema schema, Record r, IReadOnlySet<string>? fields = null)
    {
        var def = schema.Definition;
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        for (var i = 0; i < def.Fields.Count; i++)
        {
            var f = def.Fields[i];
            if (fields is not null && !fields.Contains(f.Name)) continue;
            w.WritePropertyName(f.Name);
            WriteValue(w, f.Kind, r.Values[i]);
        }
        if (Wants(fields, SystemFields.OwnerId)) w.WriteString("ownerId", r.OwnerId);
        if (Wants(fields, SystemFields.ExternalIds))
        {
            w.WritePropertyName("externalIds");
            w.WriteRawValue(r.ExternalIdsJson, skipInputValidation: true);
        }
        if (WantsCustom(fields)) WriteCustom(w, schema, r.CustomJson, fields);
        if (Wants(fields, SystemFields.CreatedAt)) w.WriteString("createdAt", Timestamps.ToText(r.CreatedAt));
        if (Wants(fields, SystemFields.UpdatedAt)) w.WriteString("updatedAt", Timestamps.ToText(r.UpdatedAt));
        if (Wants(fields, SystemFields.Version)) w.WriteNumber("version", r.Version);
        w.WriteEndObject();
    }

    public static JsonObject ToNode(ObjectSchema schema, Record r, IReadOnlySet<string>? fields = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer)) Write(w, schema, r, fields);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    private static bool Wants(IReadOnlySet<string>? fields, string name) => fields is null || fields.Contains(name);

    private static bool WantsCustom(IReadOnlySet<string>? fields) =>
        fields is null || fields.Contains(SystemFields.Custom) || fields.Any(f => f.StartsWith("custom.", StringComparison.Ordinal));

    private static void WriteCustom(Utf8JsonWriter w, ObjectSchema schema, string json, IReadOnlySet<string>? fields)
    {
        w.WritePropertyName("custom");
        w.WriteStartObject();
        if (schema.CustomFields.Count > 0)
        {
            using var doc = JsonDocument.Parse(json);
            var all = fields is null || fields.Contains(SystemFields.Custom);
            foreach (var field in schema.CustomFields)
            {
                if (!all && !fields!.Contains("custom." + field.Name)) continue;
                w.WritePropertyName(field.Name);
                if (doc.RootElement.TryGetProperty(field.Name, out var value)) value.WriteTo(w);
                else w.WriteNullValue();
            }
        }
        w.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter w, FieldKind kind, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s when kind is FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist: w.WriteRawValue(s, skipInputValidation: true); break;
            case string s: w.WriteStringValue(s); break;
            case long l: w.WriteNumberValue(l); break;
            case decimal d: w.WriteNumberValue(d); break;
            case bool b: w.WriteBooleanValue(b); break;
            case Guid g: w.WriteStringValue(g); break;
            case DateOnly d: w.WriteStringValue(Timestamps.ToText(d)); break;
            case DateTime t: w.WriteStringValue(Timestamps.ToText(t)); break;
            default: throw new InvalidOperationException($"Unexpected value {value.GetType()}.");
        }
    }
}
