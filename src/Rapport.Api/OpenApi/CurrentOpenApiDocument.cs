using System.Text.Json.Nodes;
using Rapport.Api.Metadata;
using Rapport.Domain.Metadata;

namespace Rapport.Api.OpenApi;

/// <summary>The OpenAPI document of the objects as they are now, for the HTTP API and the CLI alike.</summary>
public static class CurrentOpenApiDocument
{
    public static async Task<JsonObject> BuildAsync(SchemaRegistry registry, string serverUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var schemas = new List<ObjectSchema>(StandardObjects.All.Count);
        foreach (var def in StandardObjects.All) schemas.Add(await registry.GetAsync(def, ct));
        var stages = await registry.StagesAsync(ct);
        return OpenApiDocumentBuilder.Build(schemas, stages.Select(s => s.Name).ToList(), serverUrl);
    }
}
