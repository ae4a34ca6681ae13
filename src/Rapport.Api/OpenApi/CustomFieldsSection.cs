using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Metadata;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Custom field definitions: <c>/api/v1/metadata/fields/{object}</c>. Reading needs crm.read, changing crm.admin.</summary>
internal static class CustomFieldsSection
{
    public const string FieldNamePattern = "^[a-z][A-Za-z0-9_]{0,62}$";

    public static void AddSchemas(ComponentSchemas components, IEnumerable<string> objects)
    {
        components.Add("CustomField", Object(Properties(objects, includeIdentity: true),
            ["object", "name", "label", "type", "required", "unique", "createdAt", "updatedAt"], "A custom field definition."));

        var create = Object(Properties(objects, includeIdentity: false), ["name", "type"],
            $"A new custom field. `name` and `type` cannot change later. At most {CustomFieldService.MaxFieldsPerObject} per object.");
        create["additionalProperties"] = false;
        components.Add("CustomFieldInput", create);

        var patchProperties = Properties(objects, includeIdentity: false);
        patchProperties.Remove("name");
        patchProperties.Remove("type");
        var patch = Object(patchProperties, description: "The settings to change; `name` and `type` are fixed (sending the same value is allowed).");
        components.Add("CustomFieldPatch", patch);

        components.Add("CustomFieldList", Object(new JsonObject { ["data"] = ArrayOf(SchemaRef("CustomField")) }, ["data"]));
    }

    public static void AddPaths(JsonObject paths, IReadOnlyList<string> objects)
    {
        var objectParameter = SharedParameters.Path("object", Enum(objects), "The object the fields belong to.");
        var nameParameter = SharedParameters.Path("name", new JsonObject { ["type"] = "string", ["pattern"] = FieldNamePattern }, "The custom field's name.");
        var field = Content(SchemaRef("CustomField"), MediaTypes.Negotiated);
        const string collection = "/api/v1/metadata/fields/{object}";
        const string item = collection + "/{name}";

        new OperationBuilder("listCustomFields", Tags.Metadata, "List an object's custom fields")
            .Scope(Scopes.Read)
            .Parameter(objectParameter)
            .Response(200, "The definitions, oldest first.", Content(SchemaRef("CustomFieldList"), MediaTypes.Negotiated))
            .Problems(404, 406)
            .AddTo(paths, collection, "get");

        new OperationBuilder("createCustomField", Tags.Metadata, "Define a custom field")
            .Describe("The field is usable at once in records (`custom.<name>`), filters, exports and this document.")
            .Scope(Scopes.Admin)
            .Parameter(objectParameter)
            .Body(Content(SchemaRef("CustomFieldInput"), MediaTypes.Negotiated), "The definition.")
            .Response(201, "Defined.", field, SharedHeaders.Of(SharedHeaders.Location))
            .Problems(400, 404, 406, 409, 413, 415)
            .AddTo(paths, collection, "post");

        new OperationBuilder("getCustomField", Tags.Metadata, "Get a custom field")
            .Scope(Scopes.Read)
            .Parameter(objectParameter)
            .Parameter(nameParameter)
            .Response(200, "The definition.", field)
            .Problems(404, 406)
            .AddTo(paths, item, "get");

        new OperationBuilder("updateCustomField", Tags.Metadata, "Change a custom field")
            .Describe("Making a field unique fails with 409 while live records share a value.")
            .Scope(Scopes.Admin)
            .Parameter(objectParameter)
            .Parameter(nameParameter)
            .Body(Content(SchemaRef("CustomFieldPatch"), MediaTypes.Patch), "The settings to change.")
            .Response(200, "The definition after the change.", field)
            .Problems(400, 404, 406, 409, 413, 415)
            .AddTo(paths, item, "patch");

        new OperationBuilder("deleteCustomField", Tags.Metadata, "Remove a custom field")
            .Describe("Removes the definition and every record's value of it, in one transaction. Each record that held a value gets a new " +
                      "version and an `updated` change naming `custom.<name>` (change feed, webhooks, bus).")
            .Scope(Scopes.Admin)
            .Parameter(objectParameter)
            .Parameter(nameParameter)
            .Response(204, "Removed.")
            .Problems(404)
            .AddTo(paths, item, "delete");
    }

    private static JsonObject Properties(IEnumerable<string> objects, bool includeIdentity)
    {
        var properties = new JsonObject();
        if (includeIdentity) properties["object"] = Enum(objects);
        var name = new JsonObject { ["type"] = "string", ["pattern"] = FieldNamePattern, ["description"] = "The key in `custom`; not a standard field's name." };
        properties["name"] = name;
        properties["label"] = new JsonObject { ["type"] = "string", ["maxLength"] = 100, ["description"] = "Shown to people; the name when omitted." };
        properties["type"] = Enum(CustomFieldTypes.All,
            "`number` holds whole numbers, `decimal` fractions, `currency` money amounts; `lookup` names its target object in `options`.");
        properties["required"] = With(Boolean("Records must have a value."), "default", false);
        properties["unique"] = With(Boolean("No two live records share a value (text, number, decimal, email, phone and url)."), "default", false);
        properties["options"] = Nullable(ArrayOf(String(), "Values of a picklist or multipicklist; for a lookup, the one target object (`accounts`)."));
        properties["pattern"] = Nullable(String("A regular expression text values must match."));
        properties["default"] = AnyValue("The value a new record gets when none is sent, of the field's type.");
        if (includeIdentity)
        {
            properties["createdAt"] = ReadOnly(String(format: "date-time"));
            properties["updatedAt"] = ReadOnly(String(format: "date-time"));
        }
        return properties;
    }
}
