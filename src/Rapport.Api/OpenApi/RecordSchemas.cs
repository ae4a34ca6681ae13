using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// The schemas of one object: the record (<c>Contact</c>), its merge patch (<c>ContactPatch</c>) and a
/// page of it (<c>ContactList</c>). Built from the live <see cref="ObjectSchema"/>, so a custom field
/// appears in <c>custom</c> the moment it is defined.
/// </summary>
internal static class RecordSchemas
{
    public static string RecordName(ObjectDef def) => Names.Pascal(def.Singular);

    public static string PatchName(ObjectDef def) => RecordName(def) + "Patch";

    public static string ListName(ObjectDef def) => RecordName(def) + "List";

    public static IEnumerable<string> NamesOf(ObjectDef def) => [RecordName(def), PatchName(def), ListName(def)];

    /// <summary>The picklist values in force: the pipeline's stages for opportunities, else the catalogue's or the runtime's.</summary>
    public static IReadOnlyList<string>? OptionsOf(ObjectSchema schema, FieldDef field, IReadOnlyList<string> stageNames) =>
        schema.Name == StandardObjects.Opportunities.Name && field.Name == "stage" ? stageNames : schema.OptionsOf(field);

    public static void Add(ComponentSchemas components, ObjectSchema schema, IReadOnlyList<string> stageNames)
    {
        var def = schema.Definition;
        var record = Record(components, schema, stageNames);
        components.Add(RecordName(def), record);
        components.Add(PatchName(def), Patch(def, record));
        components.Add(ListName(def), List(def));
    }

    private static JsonObject Record(ComponentSchemas components, ObjectSchema schema, IReadOnlyList<string> stageNames)
    {
        var def = schema.Definition;
        var owner = RecordName(def);
        var properties = new JsonObject
        {
            [SystemFields.Id] = ReadOnly(String("The record's id, a UUIDv7.", "uuid")),
        };
        foreach (var field in def.Fields)
            properties[field.Name] = FieldSchemas.Of(field, OptionsOf(schema, field, stageNames), components, owner);
        properties[SystemFields.OwnerId] = String("Id of the user who owns the record; the caller when not given.", "uuid");
        properties[SystemFields.ExternalIds] = ExternalIds();
        properties[SystemFields.Custom] = Custom(schema, components, owner);
        properties[SystemFields.CreatedAt] = ReadOnly(String("When the record was created (UTC).", "date-time"));
        properties[SystemFields.UpdatedAt] = ReadOnly(String("When the record last changed (UTC).", "date-time"));
        properties[SystemFields.Version] = ReadOnly(Integer("Starts at 1 and grows by one on every change; the ETag is its quoted value.", minimum: 1));
        var result = Object(properties, def.Fields.Where(f => f.Required).Select(f => f.Name),
            $"{Names.Pascal(Names.WithArticle(def.Singular))}. Fields not sent on create take their default or null; `fields` on a read limits which appear.");
        result["xml"] = new JsonObject { ["name"] = def.Singular };
        return result;
    }

    /// <summary>
    /// The custom fields defined right now, typed like standard ones. Closed, because the server
    /// rejects an unknown custom field: an open schema would let generated clients send one.
    /// </summary>
    private static JsonObject Custom(ObjectSchema schema, ComponentSchemas components, string owner)
    {
        var properties = new JsonObject();
        foreach (var field in schema.CustomFields)
            properties[field.Name] = FieldSchemas.Of(field, schema.OptionsOf(field), components, owner);
        var custom = Object(properties, schema.CustomFields.Where(f => f.Required).Select(f => f.Name),
            $"Custom fields of {schema.Name}, defined at runtime through `/api/v1/metadata/fields/{schema.Name}`.");
        custom["additionalProperties"] = false;
        return custom;
    }

    private static JsonObject ExternalIds() => new()
    {
        ["type"] = "object",
        ["description"] = "The record's id in other systems: system name (letters, digits, `_.-`) to id. One record per system and id.",
        ["additionalProperties"] = new JsonObject { ["type"] = "string", ["maxLength"] = 255 },
    };

    /// <summary>A merge patch sends only what changes, so nothing is required; null removes an optional value.</summary>
    private static JsonObject Patch(ObjectDef def, JsonObject record)
    {
        var patch = record.DeepClone().AsObject();
        patch.Remove("required");
        patch["properties"]![SystemFields.Custom]!.AsObject().Remove("required");
        patch["description"] = $"A JSON Merge Patch (RFC 7396) of {Names.WithArticle(def.Singular)}: only the fields sent change, null clears one, arrays are replaced whole.";
        return patch;
    }

    private static JsonObject List(ObjectDef def) => Object(new JsonObject
    {
        ["data"] = ArrayOf(SchemaRef(RecordName(def))),
        ["nextCursor"] = Nullable(String("Pass as `cursor` to get the next page; null on the last page.")),
    }, ["data", "nextCursor"], $"A page of {def.Name}. As XML: `<{def.Name} nextCursor=\"...\">` with one `<{def.Singular}>` per record.");
}
