using System.Text.Json.Nodes;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Liveness and readiness probes, and this document itself; none needs a token.</summary>
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
    }
}
