using System.Text.Json.Nodes;

namespace Rapport.Api.Http;

/// <summary>A non-record payload (metadata, users, batch results) sent as JSON or XML, as the client accepts.</summary>
public sealed class NodeResponse(JsonNode node, int status, string xmlRoot) : IResult
{
    public Task ExecuteAsync(HttpContext ctx) => ResponseWriter.WriteNodeAsync(ctx, node, status, xmlRoot);
}
