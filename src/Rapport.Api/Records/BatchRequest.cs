using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Errors;

namespace Rapport.Api.Records;

/// <summary>One operation of <c>POST /api/v1/batch</c>, validated before anything runs.</summary>
public sealed record BatchOperation(int Index, string Method, string Path, string Query, JsonNode? Body, IReadOnlyDictionary<string, string> Headers);

public static class BatchRequest
{
    public const int MaxOperations = 1000;

    public static (bool Atomic, List<BatchOperation> Operations) Parse(JsonNode? body)
    {
        if (body is not JsonObject root) throw ApiException.BadRequest("body", "must be an object {\"atomic\":bool,\"operations\":[...]}");
        foreach (var (key, _) in root)
            if (key is not ("atomic" or "operations")) throw ApiException.BadRequest(key, "is not a property of a batch");
        var atomic = false;
        if (root["atomic"] is { } a)
        {
            if (a is not JsonValue av || av.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) throw ApiException.BadRequest("atomic", "must be true or false");
            atomic = av.GetValue<bool>();
        }
        if (root["operations"] is not JsonArray ops || ops.Count == 0) throw ApiException.BadRequest("operations", "must be a non-empty array");
        if (ops.Count > MaxOperations) throw ApiException.BadRequest("operations", $"must have at most {MaxOperations} operations");
        var result = new List<BatchOperation>(ops.Count);
        for (var i = 0; i < ops.Count; i++)
        {
            var prefix = $"operations[{i}]";
            if (ops[i] is not JsonObject op) throw ApiException.BadRequest(prefix, "must be an object");
            foreach (var (key, _) in op)
                if (key is not ("method" or "path" or "body" or "headers")) throw ApiException.BadRequest($"{prefix}.{key}", "is not a property of an operation");
            var method = (op["method"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? op["method"]!.GetValue<string>().ToUpperInvariant() : null;
            if (method is not ("GET" or "POST" or "PATCH" or "PUT" or "DELETE")) throw ApiException.BadRequest($"{prefix}.method", "must be GET, POST, PATCH, PUT or DELETE");
            var path = (op["path"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? op["path"]!.GetValue<string>() : null;
            if (string.IsNullOrWhiteSpace(path) || path.Length > 2048) throw ApiException.BadRequest($"{prefix}.path", "is required");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (op["headers"] is JsonObject h)
                foreach (var (name, value) in h)
                    headers[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw ApiException.BadRequest($"{prefix}.headers.{name}", "must be a string");
            else if (op["headers"] is not null) throw ApiException.BadRequest($"{prefix}.headers", "must be an object");
            var q = path.IndexOf('?');
            result.Add(new BatchOperation(i, method, q < 0 ? path : path[..q], q < 0 ? "" : path[(q + 1)..], op["body"], headers));
        }
        return (atomic, result);
    }
}
