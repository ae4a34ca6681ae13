using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Records;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary><c>POST /api/v1/batch</c>: record calls bundled in one request, each answered as it would be alone.</summary>
internal static class BatchSection
{
    public static void AddSchemas(ComponentSchemas components)
    {
        var operations = ArrayOf(SchemaRef("BatchOperation"));
        operations["minItems"] = 1;
        operations["maxItems"] = BatchRequest.MaxOperations;
        var request = Object(new JsonObject
        {
            ["atomic"] = Boolean("All or nothing: when one operation fails, none is applied."),
            ["operations"] = operations,
        }, ["operations"]);
        request["properties"]!["atomic"]!["default"] = false;
        request["additionalProperties"] = false;
        components.Add("BatchRequest", request);

        var operation = Object(new JsonObject
        {
            ["method"] = Enum(["GET", "POST", "PATCH", "PUT", "DELETE"]),
            ["path"] = new JsonObject
            {
                ["type"] = "string",
                ["maxLength"] = 2048,
                ["description"] = "A record call's path, with or without `/api/v1` (`/api/v1/contacts/{id}`, `contacts?limit=10`); a query string is allowed.",
            },
            ["body"] = AnyValue("The request body."),
            ["headers"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Request headers the call honours: `If-Match`, `Idempotency-Key`.",
                ["additionalProperties"] = String(),
            },
        }, ["method", "path"]);
        operation["additionalProperties"] = false;
        components.Add("BatchOperation", operation);

        components.Add("BatchResponse", Object(new JsonObject
        {
            ["results"] = ArrayOf(SchemaRef("BatchResult"), "One result per operation, in order."),
        }, ["results"]));
        components.Add("BatchResult", Object(new JsonObject
        {
            ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32", ["description"] = "The HTTP status the call would have had." },
            ["body"] = AnyValue("The record, page or problem the call would have returned; null for 204."),
        }, ["status", "body"]));
    }

    public static void AddPaths(JsonObject paths) =>
        new OperationBuilder("runBatch", Tags.Batch, "Run many record calls")
            .Describe($"Up to {BatchRequest.MaxOperations} record operations (list, get, create, update, upsert, delete, restore). " +
                      "Each operation needs the scope it needs alone: `crm.read` for GET, `crm.write` for the others. " +
                      "Not atomic: each operation commits on its own. Atomic: one transaction; after a failure, the others report that nothing was applied.")
            .Scope(Scopes.Write, Scopes.Read)
            .Body(Content(SchemaRef("BatchRequest"), MediaTypes.Negotiated), "The operations.")
            .Response(200, "One result per operation.", Content(SchemaRef("BatchResponse"), MediaTypes.Negotiated))
            .Problems(400, 406, 413, 415)
            .AddTo(paths, "/api/v1/batch", "post");
}
