using System.Globalization;
using System.Text.Json.Nodes;
using Rapport.Api.OpenApi;

namespace Rapport.Api.Postman;

/// <summary>
/// Example values from schemas, valid for the server that wrote them: required properties only (so a
/// request shows what must be sent), from <c>example</c>, <c>default</c>, <c>enum</c>, <c>format</c> and
/// the few patterns the document uses. An id of another record (<c>accountId</c>) becomes a collection
/// variable (<c>{{accountId}}</c>) an earlier request stores; a value that must be unique gets Postman's
/// <c>{{$guid}}</c> so the collection can run again against the same server.
/// </summary>
internal sealed class ExampleValues(OpenApiReader reader)
{
    /// <summary>How <see cref="FieldSchemas"/> and the users section mark a value that must be unique.</summary>
    private const string UniqueNote = "Unique among";
    private const int MaxDepth = 8;

    private static readonly Dictionary<string, string> ByPattern = new(StringComparer.Ordinal)
    {
        [FieldSchemas.CurrencyPattern] = "EUR",
        [FieldSchemas.CountryPattern] = "DE",
        [SharedParameters.SystemNamePattern] = "erp",
        [CustomFieldsSection.FieldNamePattern] = "postman{{$timestamp}}",
    };

    /// <summary>The variables the values refer to (<c>accountId</c>), whether or not anything sets them.</summary>
    public HashSet<string> References { get; } = new(StringComparer.Ordinal);

    /// <summary>An example of the schema; properties that are not required are left out.</summary>
    public JsonNode? Of(JsonObject schema, string? name = null) => Build(schema, name, null, 0);

    /// <summary>A path or query parameter's example as text, or null when the schema gives nothing to go on.</summary>
    public string? Text(JsonObject schema)
    {
        schema = reader.Resolve(schema);
        if (schema["example"] is JsonValue example) return Plain(example);
        if (FirstEnum(schema) is { } value) return Plain(value);
        if (schema["default"] is JsonValue dflt) return Plain(dflt);
        return schema["pattern"]?.GetValue<string>() is { } pattern && ByPattern.TryGetValue(pattern, out var byPattern) && !byPattern.Contains("{{", StringComparison.Ordinal)
            ? byPattern : null;
    }

    private JsonNode? Build(JsonObject schema, string? name, JsonObject? parent, int depth)
    {
        schema = Merge(reader.Resolve(schema));
        if (schema["example"] is { } example) return example.DeepClone();
        if (FirstEnum(schema) is { } value) return value.DeepClone();
        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : null);
        switch (type)
        {
            case "object":
                return depth >= MaxDepth ? new JsonObject() : ObjectOf(schema, depth);
            case "array":
                return new JsonArray(Build(reader.Resolve(schema["items"] as JsonObject ?? []), Singular(name), parent, depth + 1));
            case "integer":
            case "number":
                return schema["default"] is JsonValue d ? d.DeepClone() : Number(schema);
            case "boolean":
                return schema["default"] is JsonValue b ? b.DeepClone() : JsonValue.Create(true);
            case "string":
                return schema["default"] is JsonValue s && s.GetValue<object>() is string ? s.DeepClone() : JsonValue.Create(String(schema, name, parent));
            default:
                return null;
        }
    }

    private JsonObject ObjectOf(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, node) in schema["properties"] as JsonObject ?? [])
        {
            if (node is not JsonObject property) continue;
            var resolved = Merge(reader.Resolve(property));
            if (resolved["readOnly"]?.GetValue<bool>() == true) continue;
            // An optional object that has required members of its own (custom with a required custom field) must be sent.
            var include = required.Contains(name) || resolved["required"] is JsonArray { Count: > 0 } && resolved["type"]?.GetValue<string>() == "object";
            if (!include) continue;
            var value = Build(property, name, schema, depth + 1);
            if (value is not null) result[name] = value;
        }
        return result;
    }

    private string String(JsonObject schema, string? name, JsonObject? parent)
    {
        var format = schema["format"]?.GetValue<string>();
        var unique = schema["description"]?.GetValue<string>().Contains(UniqueNote, StringComparison.Ordinal) == true;
        if (format == "uuid") return Reference(name, parent) ?? "{{$guid}}";
        if (format == "email") return unique ? "user-{{$guid}}@example.com" : "ada.lovelace@example.com";
        if (format == "date") return "2026-01-15";
        if (format == "date-time") return "2026-01-15T09:30:00Z";
        if (format is "uri" or "url") return "https://www.example.com/";
        if (schema["pattern"]?.GetValue<string>() is { } pattern && ByPattern.TryGetValue(pattern, out var byPattern)) return byPattern;
        if (unique) return $"{name ?? "value"}-{{{{$guid}}}}";
        var text = "Example " + Words(name ?? "text");
        var max = schema["maxLength"] is JsonValue maxLength ? (int)Decimal(maxLength) : int.MaxValue;
        return text.Length > max ? text[..max] : text;
    }

    /// <summary>
    /// <c>accountId</c> refers to <c>{{accountId}}</c>; <c>memberId</c> beside <c>memberObject: "contacts"</c>
    /// refers to <c>{{contactId}}</c>. Null for a uuid that names no other record.
    /// </summary>
    private string? Reference(string? name, JsonObject? parent)
    {
        if (name is null || !name.EndsWith("Id", StringComparison.Ordinal) || name.Length <= 2) return null;
        var variable = name;
        var objectProperty = parent?["properties"]?[name[..^2] + "Object"] as JsonObject;
        if (objectProperty is not null && FirstEnum(reader.Resolve(objectProperty)) is { } target)
            variable = PostmanNames.Camel(PostmanNames.Singular(target.GetValue<string>())) + "Id";
        References.Add(variable);
        return "{{" + variable + "}}";
    }

    private static JsonNode Number(JsonObject schema)
    {
        var value = 1m;
        if (schema["minimum"] is JsonValue min && Decimal(min) > value) value = Decimal(min);
        if (schema["maximum"] is JsonValue max && Decimal(max) < value) value = Decimal(max);
        return schema["type"]?.GetValue<string>() == "integer" ? JsonValue.Create((long)value) : JsonValue.Create(value);
    }

    /// <summary>A number however it was stored (a node built in memory may hold an int, a long or a double).</summary>
    private static decimal Decimal(JsonValue value) => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Folds <c>allOf</c> parts into one schema (properties, required, type), as the document uses it for nullable references.</summary>
    private JsonObject Merge(JsonObject schema)
    {
        if (schema["allOf"] is not JsonArray parts) return schema;
        var merged = new JsonObject();
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var part in parts.OfType<JsonObject>().Select(p => Merge(reader.Resolve(p))).Append(schema))
        {
            foreach (var (key, value) in part)
            {
                if (key is "allOf" or "nullable" or "description") continue;
                if (key == "properties") foreach (var (p, s) in value!.AsObject()) properties[p] = s?.DeepClone();
                else if (key == "required") foreach (var r in value!.AsArray()) required.Add(r?.DeepClone());
                else merged[key] = value?.DeepClone();
            }
        }
        if (properties.Count > 0) merged["properties"] = properties;
        if (required.Count > 0) merged["required"] = required;
        merged["type"] ??= properties.Count > 0 ? "object" : null;
        if (merged["type"] is null) merged.Remove("type");
        return merged;
    }

    private static JsonNode? FirstEnum(JsonObject schema) => (schema["enum"] as JsonArray)?.FirstOrDefault(v => v is not null);

    private static string Plain(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static string? Singular(string? name) => name is null ? null : PostmanNames.Singular(name);

    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLower(c, CultureInfo.InvariantCulture) : c.ToString()));
}
