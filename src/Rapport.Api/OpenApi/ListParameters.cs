using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// The query parameters of a list call: paging, sorting, projection, search, and one equality
/// filter per field the server can filter on. Listing them per field lets generated clients and
/// the docs UI offer <c>custom.tier</c> or <c>billingAddress.city</c> by name.
/// </summary>
internal static class ListParameters
{
    public const string Operators = "eq ne lt lte gt gte contains startsWith in isNull";

    public static IEnumerable<JsonObject> Of(ObjectSchema schema, IReadOnlyList<string> stageNames)
    {
        yield return ParameterRef(SharedParameters.Limit);
        yield return ParameterRef(SharedParameters.Cursor);
        yield return ParameterRef(SharedParameters.Sort);
        yield return ParameterRef(SharedParameters.Fields);
        yield return ParameterRef(SharedParameters.Search);
        foreach (var (path, field, options) in Filterable(schema, stageNames))
            yield return SharedParameters.Query(path, FieldSchemas.Scalar(field, options),
                $"Only records whose `{path}` equals this. Other comparisons: `{path}[op]=value`.");
    }

    /// <summary>
    /// Every field path a filter may name, in the order a reader expects: system fields, standard
    /// fields (nested ones dotted), the primary email and phone, then custom fields.
    /// </summary>
    public static IEnumerable<(string Path, FieldDef Field, IReadOnlyList<string>? Options)> Filterable(ObjectSchema schema, IReadOnlyList<string> stageNames)
    {
        yield return (SystemFields.Id, new FieldDef { Name = SystemFields.Id, Kind = FieldKind.Reference }, null);
        yield return (SystemFields.OwnerId, new FieldDef { Name = SystemFields.OwnerId, Kind = FieldKind.Reference }, null);
        yield return (SystemFields.CreatedAt, new FieldDef { Name = SystemFields.CreatedAt, Kind = FieldKind.DateTime }, null);
        yield return (SystemFields.UpdatedAt, new FieldDef { Name = SystemFields.UpdatedAt, Kind = FieldKind.DateTime }, null);
        yield return (SystemFields.Version, new FieldDef { Name = SystemFields.Version, Kind = FieldKind.Integer }, null);
        var def = schema.Definition;
        foreach (var field in def.Fields)
        {
            if (field.Column is null) continue;
            if (field.IsScalar) yield return (field.Name, field, RecordSchemas.OptionsOf(schema, field, stageNames));
            else if (field.Kind == FieldKind.Object)
                foreach (var nested in Nested(field.Name, field)) yield return nested;
        }
        foreach (var field in def.Fields.Where(f => f.PrimaryColumn is not null && f.PrimaryProperty is not null))
        {
            var item = field.Child(field.PrimaryProperty!);
            if (item is not null && def.Field(field.PrimaryColumn!) is null) yield return (field.PrimaryColumn!, item, null);
        }
        foreach (var field in schema.CustomFields.Where(f => f.Kind != FieldKind.MultiPicklist))
            yield return (SystemFields.Custom + "." + field.Name, field, schema.OptionsOf(field));
    }

    private static IEnumerable<(string, FieldDef, IReadOnlyList<string>?)> Nested(string prefix, FieldDef field)
    {
        foreach (var child in field.Children ?? [])
        {
            var path = prefix + "." + child.Name;
            if (child.IsScalar) yield return (path, child, child.Options);
            else if (child.Kind == FieldKind.Object)
                foreach (var deeper in Nested(path, child)) yield return deeper;
        }
    }
}
