using System.Text.Json.Nodes;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Liveness and readiness probes, this document itself (no token needed) and the Postman collection made from it.</summary>
internal static class HealthSection
{
    public static void AddSchemas(ComponentSchemas components) =>
        components.Add("Health", Object(new JsonObject
        {
            ["status"] = Enum(["live", "ready", "unavailable"]),
            ["checks"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Each dependency checked (`database`, and the bus when configured) with its `status` (`up` or `down`).",
                ["additionalProperties"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = true },
            },
        }, ["status"]));

    public static void AddPaths(JsonObject paths)
    {
        var health = Content(SchemaRef("Health"), MediaTypes.Json);
        new OperationBuilder("getLiveness", Tags.Health, "Is the process up")
            .Anonymous()
            .Response(200, "The process answers.", health)
            .AddTo(paths, "/health/live", "get");
        new OperationBuilder("getReadiness", Tags.Health, "Can the server take traffic")
            .Describe("Checks the database and, when configured, the message bus.")
            .Anonymous()
            .Response(200, "Ready.", health)
            .Response(503, "A dependency is down.", health)
            .AddTo(paths, "/health/ready", "get");
        new OperationBuilder("getOpenApiDocument", Tags.Docs, "Get this OpenAPI document")
            .Describe("Generated on each request from the current metadata, so custom fields appear as soon as they are defined. `/docs` shows it.")
            .Anonymous()
            .Response(200, "An OpenAPI 3.0 document.", Content(new JsonObject { ["type"] = "object" }, MediaTypes.Json))
            .AddTo(paths, "/openapi/v1.json", "get");
        new OperationBuilder("getPostmanCollection", Tags.Docs, "Get a Postman collection of this API")
            .Describe("This document as a Postman collection v2.1, custom fields included: a folder per tag, the token request first, bearer auth with a token " +
                      "fetched on demand from the collection variables `clientId` and `clientSecret`, example bodies, and tests that check each documented status " +
                      "so `newman` can run it. Any valid token will do; the collection holds no secret. Also `rapport openapi --postman FILE`.")
            .Parameter(SharedParameters.Query("baseUrl", String("An absolute http or https URL.", "uri"), "The server the collection calls; this request's own origin when omitted."))
            .Response(200, "A Postman collection (schema https://schema.getpostman.com/json/collection/v2.1.0/collection.json).",
                Content(new JsonObject { ["type"] = "object" }, MediaTypes.Json))
            .Problems(400, 401, 406)
            .AddTo(paths, "/api/v1/postman-collection", "get");
    }
}
