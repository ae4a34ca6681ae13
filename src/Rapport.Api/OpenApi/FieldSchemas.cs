using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// Types one field from its <see cref="FieldKind"/>: the same metadata that validates a value
/// describes it, so the document cannot drift from what the server accepts.
/// </summary>
internal static class FieldSchemas
{
    public const string CurrencyPattern = "^[A-Z]{3}$";
    public const string CountryPattern = "^[A-Z]{2}$";

    /// <summary>
    /// The schema of <paramref name="field"/>. <paramref name="options"/> are the picklist values in
    /// force (they may come from configuration, as opportunity stages do); nested objects and array
    /// items become components named after <paramref name="owner"/> when their name is taken.
    /// </summary>
    public static JsonObject Of(FieldDef field, IReadOnlyList<string>? options, ComponentSchemas components, string owner)
    {
        var nullable = !field.Required;
        var description = Describe(field);
        JsonObject schema;
        switch (field.Kind)
        {
            case FieldKind.Object:
                var component = components.Register(ObjectComponentName(field), NestedObject(field, components, owner), owner);
                if (nullable) return NullableRef(component, description);
                return SchemaRef(component);
            case FieldKind.Array:
                var item = components.Register(Names.Pascal(field.ItemName ?? field.Name + "Item"), NestedObject(field, components, owner), owner);
                schema = ArrayOf(SchemaRef(item));
                schema["maxItems"] = field.MaxItems;
                break;
            case FieldKind.MultiPicklist:
                schema = ArrayOf(Scalar(field, options));
                break;
            default:
                schema = Scalar(field, options);
                break;
        }
        if (description is not null) schema["description"] = description;
        if (field.ReadOnly) schema["readOnly"] = true;
        if (field.Default is not null) schema["default"] = field.Default.DeepClone();
        if (nullable)
        {
            schema["nullable"] = true;
            // OpenAPI 3.0.3: nullable does not widen an enum, so null is listed to stay valid.
            if (schema["enum"] is JsonArray values) values.Add(null);
        }
        return schema;
    }

    /// <summary>The value type alone, for a query parameter that filters on the field.</summary>
    public static JsonObject Scalar(FieldDef field, IReadOnlyList<string>? options)
    {
        switch (field.Kind)
        {
            case FieldKind.Integer:
                return WithRange(new JsonObject { ["type"] = "integer", ["format"] = "int64" }, field);
            case FieldKind.Decimal:
            case FieldKind.Money:
                return WithRange(new JsonObject { ["type"] = "number" }, field);
            case FieldKind.Boolean:
                return new JsonObject { ["type"] = "boolean" };
            case FieldKind.Date:
                return String(format: "date");
            case FieldKind.DateTime:
                return String(format: "date-time");
            case FieldKind.Reference:
                return String(format: "uuid");
            case FieldKind.CurrencyCode:
                return new JsonObject { ["type"] = "string", ["pattern"] = CurrencyPattern, ["minLength"] = 3, ["maxLength"] = 3 };
            case FieldKind.CountryCode:
                return new JsonObject { ["type"] = "string", ["pattern"] = CountryPattern, ["minLength"] = 2, ["maxLength"] = 2 };
            case FieldKind.Picklist:
            case FieldKind.MultiPicklist:
                var picklist = new JsonObject { ["type"] = "string" };
                if (options is { Count: > 0 }) picklist["enum"] = Strings(options);
                else picklist["maxLength"] = field.MaxLength;
                return picklist;
        }
        var text = new JsonObject { ["type"] = "string" };
        if (field.Kind == FieldKind.Email) text["format"] = "email";
        if (field.Kind == FieldKind.Url) text["format"] = "uri";
        text["maxLength"] = field.MaxLength;
        if (field.Pattern is not null) text["pattern"] = field.Pattern;
        return text;
    }

    /// <summary>Every address shares one <c>Address</c> type; other nested objects are named after their field.</summary>
    private static string ObjectComponentName(FieldDef field) =>
        field.Name == "address" || field.Name.EndsWith("Address", StringComparison.Ordinal) ? "Address" : Names.Pascal(field.Name);

    private static JsonObject NestedObject(FieldDef field, ComponentSchemas components, string owner)
    {
        var properties = new JsonObject();
        foreach (var child in field.Children ?? []) properties[child.Name] = Of(child, child.Options, components, owner);
        var schema = Object(properties, field.Children?.Where(c => c.Required).Select(c => c.Name));
        schema["additionalProperties"] = false;
        return schema;
    }

    private static JsonObject WithRange(JsonObject schema, FieldDef field)
    {
        if (field.Min is { } min) schema["minimum"] = min;
        if (field.Max is { } max) schema["maximum"] = max;
        return schema;
    }

    private static string? Describe(FieldDef field)
    {
        var parts = new List<string>();
        if (field.Label is not null && field.Label != field.Name) parts.Add(field.Label + ".");
        switch (field.Kind)
        {
            case FieldKind.Reference: parts.Add(DescribeReference(field.Target)); break;
            case FieldKind.Phone: parts.Add("E.164 (`+4930123456`) when the number is in international form, else as written."); break;
            case FieldKind.CurrencyCode: parts.Add("ISO 4217 currency code."); break;
            case FieldKind.CountryCode: parts.Add("ISO 3166-1 alpha-2 country code."); break;
            case FieldKind.Money: parts.Add("Decimal amount in the record's `currency`."); break;
            case FieldKind.DateTime: parts.Add("UTC, ISO 8601."); break;
        }
        if (field.Unique) parts.Add("Unique among live records.");
        if (field.ReadOnly) parts.Add("Set by the server.");
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    private static string DescribeReference(string? target)
    {
        if (target is null) return "Id of a record.";
        if (target.StartsWith('@')) return $"Id of a record of the object named by `{target[1..]}`.";
        var singular = StandardObjects.Find(target)?.Singular ?? target;
        return $"Id of the {singular} it refers to (`/api/v1/{target}/{{id}}`).";
    }
}
