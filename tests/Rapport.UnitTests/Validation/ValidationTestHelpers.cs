using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;

namespace Rapport.UnitTests.Validation;

/// <summary>Shortcuts for running <see cref="RecordValidator"/> on a JSON body.</summary>
internal static class ValidationTestHelpers
{
    public static ObjectSchema Schema(ObjectDef def, params FieldDef[] custom) => new(def, custom);

    public static ObjectSchema Contacts(params FieldDef[] custom) => new(StandardObjects.Contacts, custom);

    public static ObjectSchema Opportunities(params string[] stages) =>
        new(StandardObjects.Opportunities, [], new Dictionary<string, IReadOnlyList<string>> { ["stage"] = stages });

    public static FieldDef Custom(string name, string type, IReadOnlyList<string>? options = null, bool required = false,
        bool unique = false, string? pattern = null, JsonNode? defaultValue = null) =>
        CustomFieldTypes.ToField(name, name, type, required, unique, options, pattern, defaultValue);

    public static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    public static ValidatedRecord Valid(ObjectSchema schema, string json, bool isCreate = true, string? patch = null) =>
        RecordValidator.Validate(schema, Body(json), isCreate, patch is null ? null : Body(patch));

    public static IReadOnlyDictionary<string, string[]> Errors(ObjectSchema schema, string json, bool isCreate = true, string? patch = null) =>
        Assert.Throws<ValidationException>(() => Valid(schema, json, isCreate, patch)).Errors;

    public static object? Value(this ValidatedRecord record, ObjectDef def, string field)
    {
        var index = def.IndexOf(field);
        Assert.True(index >= 0, $"{def.Name} has no field {field}");
        return record.Values[index];
    }

    /// <summary>A nested object or array value, stored as JSON text, parsed back.</summary>
    public static JsonNode? Json(this ValidatedRecord record, ObjectDef def, string field) =>
        record.Value(def, field) is string text ? JsonNode.Parse(text) : null;

    public static JsonObject CustomValues(this ValidatedRecord record) => JsonNode.Parse(record.CustomJson)!.AsObject();
}
