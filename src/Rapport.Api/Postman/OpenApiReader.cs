using System.Text.Json.Nodes;

namespace Rapport.Api.Postman;

/// <summary>One operation of an OpenAPI document, with the pieces the collection needs already looked up.</summary>
internal sealed record OpenApiOperation(string Path, string Method, string OperationId, string Tag, JsonObject Node, int Index)
{
    public string Summary => Node["summary"]?.GetValue<string>() ?? OperationId;

    public string? Description => Node["description"]?.GetValue<string>();

    /// <summary>An empty <c>security</c> list overrides the document's default: the call needs no token.</summary>
    public bool IsAnonymous => Node["security"] is JsonArray { Count: 0 };

    /// <summary>The success statuses the document promises; the generated test accepts exactly these.</summary>
    public IReadOnlyList<int> SuccessStatuses =>
        (Node["responses"] as JsonObject ?? []).Select(r => int.TryParse(r.Key, out var s) ? s : 0).Where(s => s is >= 200 and < 300).ToList();

    public IEnumerable<string> Segments => Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Reads an OpenAPI 3.0 document as JSON: its operations in document order and its <c>$ref</c>s.
/// Works on the JSON rather than a typed model so the collection is built from exactly what
/// <c>GET /openapi/v1.json</c> serves, custom fields included.
/// </summary>
internal sealed class OpenApiReader(JsonObject document)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public JsonObject Document => document;

    public IReadOnlyList<OpenApiOperation> Operations()
    {
        var operations = new List<OpenApiOperation>();
        foreach (var (path, item) in document["paths"] as JsonObject ?? [])
        {
            if (item is not JsonObject pathItem) continue;
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject op) continue;
                var id = op["operationId"]?.GetValue<string>() ?? $"{method}{path}";
                var tag = (op["tags"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? "Other";
                operations.Add(new OpenApiOperation(path, method.ToUpperInvariant(), id, tag, op, operations.Count));
            }
        }
        return operations;
    }

    /// <summary>The document's tags in their order, then any tag an operation uses without declaring it.</summary>
    public IReadOnlyList<(string Name, string? Description)> Tags(IEnumerable<OpenApiOperation> operations)
    {
        var tags = new List<(string, string?)>();
        foreach (var tag in (document["tags"] as JsonArray ?? []).OfType<JsonObject>())
            tags.Add((tag["name"]!.GetValue<string>(), tag["description"]?.GetValue<string>()));
        foreach (var name in operations.Select(o => o.Tag).Distinct())
            if (!tags.Any(t => t.Item1 == name)) tags.Add((name, null));
        return tags;
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/components/...</c>) until a node that is not one.</summary>
    public JsonObject Resolve(JsonObject node)
    {
        for (var depth = 0; node["$ref"] is JsonValue reference && depth < 32; depth++)
        {
            JsonNode? target = document;
            foreach (var part in reference.GetValue<string>().TrimStart('#', '/').Split('/'))
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            node = target as JsonObject ?? throw new InvalidOperationException($"Unresolved reference {reference}.");
        }
        return node;
    }

    public IEnumerable<JsonObject> Parameters(OpenApiOperation operation, string location) =>
        (operation.Node["parameters"] as JsonArray ?? []).OfType<JsonObject>().Select(Resolve)
            .Where(p => p["in"]?.GetValue<string>() == location);

    public JsonObject? Server => (document["servers"] as JsonArray)?.FirstOrDefault() as JsonObject;
}
