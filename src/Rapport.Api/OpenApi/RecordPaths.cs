using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// The seven record calls of contract §3, written out per object (<c>/api/v1/contacts</c>, not
/// <c>/api/v1/{object}</c>) so each object's calls carry its own schema and filters.
/// </summary>
internal static class RecordPaths
{
    public static void Add(JsonObject paths, ObjectSchema schema, IReadOnlyList<string> stageNames)
    {
        var def = schema.Definition;
        var tag = Tags.Of(def);
        var one = Names.Pascal(def.Singular);
        var many = Names.Pascal(def.Name);
        var record = SchemaRef(RecordSchemas.RecordName(def));
        var collection = $"/api/v1/{def.Name}";
        var item = $"{collection}/{{id}}";

        new OperationBuilder($"list{many}", tag, $"List {def.Name}")
            .Describe($"Pages through live {def.Name}, newest first unless `sort` says otherwise. Filters: `field=value`, or `field[op]=value` " +
                      $"with op one of `{ListParameters.Operators}` (`in` takes a comma-separated list, `isNull` true or false). " +
                      "Nested fields are dotted (`address.city`), custom fields are `custom.<name>`, external ids `externalIds.<system>`; " +
                      "several filters all apply.")
            .Scope(Scopes.Read)
            .Parameters(ListParameters.Of(schema, stageNames))
            .Response(200, $"A page of {def.Name}.", ListContent(def), SharedHeaders.Of(SharedHeaders.NextCursor))
            .Problems(400, 406)
            .AddTo(paths, collection, "get");

        new OperationBuilder($"create{one}", tag, $"Create {Names.WithArticle(def.Singular)}")
            .Describe("Creates a record. Send an `Idempotency-Key` so a retry after a timeout cannot create it twice.")
            .Scope(Scopes.Write)
            .Parameter(ParameterRef(SharedParameters.IdempotencyKey))
            .Body(Content(record, MediaTypes.Negotiated), $"The new {def.Singular}. Read-only fields are ignored.")
            .Response(201, $"The {def.Singular} as stored.", Content(record, MediaTypes.Negotiated), SharedHeaders.Of(SharedHeaders.Location, SharedHeaders.ETag))
            .Problems(400, 406, 409, 413, 415, 422)
            .AddTo(paths, collection, "post");

        new OperationBuilder($"get{one}", tag, $"Get {Names.WithArticle(def.Singular)}")
            .Scope(Scopes.Read)
            .Parameter(ParameterRef(SharedParameters.Id))
            .Parameter(ParameterRef(SharedParameters.Fields))
            .Response(200, $"The {def.Singular}.", Content(record, MediaTypes.Negotiated), SharedHeaders.Of(SharedHeaders.ETag))
            .Problems(301, 400, 404, 406)
            .AddTo(paths, item, "get");

        new OperationBuilder($"update{one}", tag, $"Update {Names.WithArticle(def.Singular)}")
            .Describe("Applies a JSON Merge Patch (RFC 7396): fields sent change, null clears, absent ones stay. " +
                      "Send `If-Match` with the ETag you read to avoid overwriting someone else's change.")
            .Scope(Scopes.Write)
            .Parameter(ParameterRef(SharedParameters.Id))
            .Parameter(ParameterRef(SharedParameters.IfMatch))
            .Body(Content(SchemaRef(RecordSchemas.PatchName(def)), MediaTypes.Patch), "The fields to change.")
            .Response(200, $"The {def.Singular} after the change.", Content(record, MediaTypes.Negotiated), SharedHeaders.Of(SharedHeaders.ETag))
            .Problems(400, 404, 406, 409, 410, 412, 413, 415)
            .AddTo(paths, item, "patch");

        new OperationBuilder($"delete{one}", tag, $"Delete {Names.WithArticle(def.Singular)}")
            .Describe($"Soft-deletes the record: it disappears from reads and lists until `POST {item}/restore`.")
            .Scope(Scopes.Write)
            .Parameter(ParameterRef(SharedParameters.Id))
            .Parameter(ParameterRef(SharedParameters.IfMatch))
            .Response(204, "Deleted.")
            .Problems(400, 404, 410, 412)
            .AddTo(paths, item, "delete");

        new OperationBuilder($"upsert{one}ByExternalId", tag, $"Create or update {Names.WithArticle(def.Singular)} by its id in another system")
            .Describe("Finds the record whose `externalIds.<system>` is `externalId`: updates it (200) or creates it with that external id (201). " +
                      "The way to sync from another system without keeping Rapport's ids.")
            .Scope(Scopes.Write)
            .Parameter(ParameterRef(SharedParameters.ExternalSystem))
            .Parameter(ParameterRef(SharedParameters.ExternalId))
            .Body(Content(record, MediaTypes.Negotiated), $"The {def.Singular}'s fields.")
            .Response(200, "Updated.", Content(record, MediaTypes.Negotiated), SharedHeaders.Of(SharedHeaders.ETag))
            .Response(201, "Created.", Content(record, MediaTypes.Negotiated), SharedHeaders.Of(SharedHeaders.Location, SharedHeaders.ETag))
            .Problems(400, 406, 409, 413, 415)
            .AddTo(paths, $"{collection}/external/{{system}}/{{externalId}}", "put");

        new OperationBuilder($"restore{one}", tag, $"Restore a deleted {def.Singular}")
            .Describe("Undoes a delete. A merged record is restored by undoing its merge instead (409 names it).")
            .Scope(Scopes.Write)
            .Parameter(ParameterRef(SharedParameters.Id))
            .Response(200, $"The restored {def.Singular}.", Content(record, MediaTypes.Negotiated), SharedHeaders.Of(SharedHeaders.ETag))
            .Problems(400, 404, 406, 409)
            .AddTo(paths, $"{item}/restore", "post");
    }

    private static JsonObject ListContent(ObjectDef def)
    {
        var content = Content(SchemaRef(RecordSchemas.ListName(def)), MediaTypes.Json, MediaTypes.Xml);
        content[MediaTypes.Csv] = new JsonObject
        {
            ["schema"] = String("RFC 4180 CSV, UTF-8, with a header row; nested fields are dotted columns (`address.city`, `custom.<name>`, `externalIds.<system>`)."),
        };
        return content;
    }
}
