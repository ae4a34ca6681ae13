using System.Text.Json.Nodes;

namespace Rapport.Api.OpenApi;

/// <summary>Small constructors for the JSON pieces an OpenAPI document repeats, so the builders read as the spec does.</summary>
internal static class OpenApiJson
{
    public static JsonObject SchemaRef(string component) => new() { ["$ref"] = "#/components/schemas/" + component };

    public static JsonObject ResponseRef(string component) => new() { ["$ref"] = "#/components/responses/" + component };

    public static JsonObject ParameterRef(string component) => new() { ["$ref"] = "#/components/parameters/" + component };

    public static JsonObject HeaderRef(string component) => new() { ["$ref"] = "#/components/headers/" + component };

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    public static JsonObject String(string? description = null, string? format = null)
    {
        var s = new JsonObject { ["type"] = "string" };
        if (format is not null) s["format"] = format;
        if (description is not null) s["description"] = description;
        return s;
    }

    public static JsonObject Enum(IEnumerable<string> values, string? description = null)
    {
        var s = new JsonObject { ["type"] = "string", ["enum"] = Strings(values) };
        if (description is not null) s["description"] = description;
        return s;
    }

    public static JsonObject Boolean(string? description = null)
    {
        var s = new JsonObject { ["type"] = "boolean" };
        if (description is not null) s["description"] = description;
        return s;
    }

    public static JsonObject Integer(string? description = null, long? minimum = null, long? maximum = null)
    {
        var s = new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        if (minimum is not null) s["minimum"] = minimum;
        if (maximum is not null) s["maximum"] = maximum;
        if (description is not null) s["description"] = description;
        return s;
    }

    public static JsonObject ArrayOf(JsonObject items, string? description = null)
    {
        var s = new JsonObject { ["type"] = "array", ["items"] = items };
        if (description is not null) s["description"] = description;
        return s;
    }

    /// <summary>An object schema; <paramref name="required"/> lists the properties that must be present.</summary>
    public static JsonObject Object(JsonObject properties, IEnumerable<string>? required = null, string? description = null)
    {
        var s = new JsonObject { ["type"] = "object" };
        if (description is not null) s["description"] = description;
        var requiredList = required?.ToList();
        if (requiredList is { Count: > 0 }) s["required"] = Strings(requiredList);
        s["properties"] = properties;
        return s;
    }

    /// <summary>
    /// OpenAPI 3.0 ignores siblings of <c>$ref</c>, so a nullable reference needs a typed wrapper
    /// around an <c>allOf</c> (the form OpenAPI 3.0.3 clarified for <c>nullable</c>).
    /// </summary>
    public static JsonObject NullableRef(string component, string? description = null)
    {
        var s = new JsonObject { ["type"] = "object", ["nullable"] = true };
        if (description is not null) s["description"] = description;
        s["allOf"] = new JsonArray(SchemaRef(component));
        return s;
    }

    /// <summary>The same schema under each media type, as every call that negotiates formats offers.</summary>
    public static JsonObject Content(JsonObject schema, params string[] mediaTypes)
    {
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes) content[mediaType] = new JsonObject { ["schema"] = schema.DeepClone() };
        return content;
    }

    public static JsonObject Nullable(JsonObject schema) => With(schema, "nullable", true);

    public static JsonObject ReadOnly(JsonObject schema) => With(schema, "readOnly", true);

    /// <summary>Sets one keyword and returns the schema, so a property reads as one expression.</summary>
    public static JsonObject With(JsonObject schema, string keyword, JsonNode? value)
    {
        schema[keyword] = value;
        return schema;
    }

    /// <summary>
    /// Any JSON value. Untyped, because OpenAPI 3.0 allows <c>nullable</c> only beside a <c>type</c>
    /// and has no type for "anything"; the description says null is allowed.
    /// </summary>
    public static JsonObject AnyValue(string description) => new() { ["description"] = description + " Any JSON value, null included." };
}
