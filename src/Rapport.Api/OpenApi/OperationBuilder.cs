using System.Text.Json.Nodes;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// Builds one operation object. What it is given is copied, so callers can share a parameter or a
/// content map between operations (a JSON node has one parent). A secured operation names its scope
/// and always documents 401 and 403, the two answers every authenticated call can give.
/// </summary>
internal sealed class OperationBuilder(string operationId, string tag, string summary)
{
    private readonly JsonArray _parameters = [];
    private readonly SortedDictionary<int, JsonObject> _responses = [];
    private string? _description;
    private JsonArray? _security;
    private JsonObject? _requestBody;

    public OperationBuilder Describe(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>The scope the call needs; several mean any one of them will do.</summary>
    public OperationBuilder Scope(params string[] scopes)
    {
        _security = new JsonArray(scopes.Select(s => (JsonNode?)new JsonObject { [SecurityScheme.Name] = new JsonArray(s) }).ToArray());
        return Problems(401, 403);
    }

    /// <summary>An empty requirement list overrides the document-wide one: no token needed.</summary>
    public OperationBuilder Anonymous()
    {
        _security = [];
        return this;
    }

    public OperationBuilder Parameter(JsonObject parameter)
    {
        _parameters.Add(parameter.DeepClone());
        return this;
    }

    public OperationBuilder Parameters(IEnumerable<JsonObject> parameters)
    {
        foreach (var p in parameters) _parameters.Add(p.DeepClone());
        return this;
    }

    public OperationBuilder Body(JsonObject content, string description, bool required = true)
    {
        _requestBody = new JsonObject { ["description"] = description, ["required"] = required, ["content"] = content.DeepClone() };
        return this;
    }

    public OperationBuilder Response(int status, string description, JsonObject? content = null, JsonObject? headers = null)
    {
        var response = new JsonObject { ["description"] = description };
        if (headers is not null) response["headers"] = headers.DeepClone();
        if (content is not null) response["content"] = content.DeepClone();
        _responses[status] = response;
        return this;
    }

    /// <summary>Problem-details answers (RFC 9457), shared through <c>components.responses</c>.</summary>
    public OperationBuilder Problems(params int[] statuses)
    {
        foreach (var status in statuses) _responses.TryAdd(status, ResponseRef(ProblemResponses.NameOf(status)));
        return this;
    }

    public JsonObject Build()
    {
        var operation = new JsonObject
        {
            ["operationId"] = operationId,
            ["tags"] = new JsonArray(tag),
            ["summary"] = summary,
        };
        if (_description is not null) operation["description"] = _description;
        if (_security is not null) operation["security"] = _security.DeepClone();
        if (_parameters.Count > 0) operation["parameters"] = _parameters.DeepClone();
        if (_requestBody is not null) operation["requestBody"] = _requestBody.DeepClone();
        var responses = new JsonObject();
        foreach (var (status, response) in _responses) responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response.DeepClone();
        operation["responses"] = responses;
        return operation;
    }

    /// <summary>Adds the operation under its path and method, creating the path item on first use.</summary>
    public void AddTo(JsonObject paths, string path, string method)
    {
        if (paths[path] is not JsonObject item)
        {
            item = [];
            paths[path] = item;
        }
        if (item.ContainsKey(method)) throw new InvalidOperationException($"{method.ToUpperInvariant()} {path} is documented twice.");
        item[method] = Build();
    }
}
