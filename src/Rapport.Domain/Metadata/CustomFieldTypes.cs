using System.Text.Json.Nodes;

namespace Rapport.Domain.Metadata;

/// <summary>
/// The custom field types of the metadata API (contract §3) and the field kinds they become.
/// <c>number</c> holds whole numbers, <c>decimal</c> fractional ones, <c>currency</c> money amounts;
/// <c>lookup</c> names its target object as the single entry of <c>options</c>.
/// </summary>
public static class CustomFieldTypes
{
    public static readonly IReadOnlyList<string> All =
        ["text", "number", "decimal", "date", "datetime", "boolean", "picklist", "multipicklist", "email", "phone", "url", "currency", "lookup"];

    public static FieldKind? KindOf(string type) => type switch
    {
        "text" => FieldKind.Text,
        "number" => FieldKind.Integer,
        "decimal" => FieldKind.Decimal,
        "currency" => FieldKind.Money,
        "date" => FieldKind.Date,
        "datetime" => FieldKind.DateTime,
        "boolean" => FieldKind.Boolean,
        "picklist" => FieldKind.Picklist,
        "multipicklist" => FieldKind.MultiPicklist,
        "email" => FieldKind.Email,
        "phone" => FieldKind.Phone,
        "url" => FieldKind.Url,
        "lookup" => FieldKind.Reference,
        _ => null,
    };

    public static FieldDef ToField(string name, string label, string type, bool required, bool unique,
        IReadOnlyList<string>? options, string? pattern, JsonNode? defaultValue) =>
        new()
        {
            Name = name,
            Label = label,
            Kind = KindOf(type) ?? throw new ArgumentException($"Unknown custom field type '{type}'.", nameof(type)),
            Required = required,
            Unique = unique,
            Options = type == "lookup" ? null : options,
            Target = type == "lookup" ? options?.FirstOrDefault() : null,
            Pattern = pattern,
            Default = defaultValue,
            MaxLength = type == "text" ? 4000 : 2048,
            IsCustom = true,
        };
}
