using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rapport.Api.Postman;

/// <summary>One planned operation as a Postman item: URL with path variables, query, headers, example body and test.</summary>
internal sealed class PostmanRequests(OpenApiReader reader, string tokenPath)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ExampleValues _examples = new(reader);

    public JsonObject Item(PlannedRequest planned)
    {
        var operation = planned.Operation;
        var isToken = operation.Method == "POST" && operation.Path == tokenPath;
        var request = new JsonObject
        {
            ["method"] = operation.Method,
            ["header"] = Headers(planned),
            ["url"] = Url(planned),
        };
        if (isToken) request["body"] = TokenBody();
        else if (Body(planned) is { } body) request["body"] = body;
        if (operation.IsAnonymous) request["auth"] = new JsonObject { ["type"] = "noauth" };
        request["description"] = Description(planned);
        return new JsonObject
        {
            ["id"] = operation.OperationId,
            ["name"] = operation.Summary,
            ["request"] = request,
            ["event"] = new JsonArray(PostmanScripts.Event("test", isToken ? PostmanScripts.StoreToken() : PostmanScripts.Test(planned))),
            ["response"] = new JsonArray(),
        };
    }

    private JsonObject Url(PlannedRequest planned)
    {
        var segments = planned.Operation.Segments.Select(s => PostmanNames.IsParameter(s) ? ":" + PostmanNames.ParameterName(s) : s).ToList();
        var query = new JsonArray();
        foreach (var parameter in reader.Parameters(planned.Operation, "query"))
        {
            var required = parameter["required"]?.GetValue<bool>() == true;
            query.Add(new JsonObject
            {
                ["key"] = parameter["name"]!.GetValue<string>(),
                ["value"] = parameter["schema"] is JsonObject schema ? _examples.Text(schema) ?? "" : "",
                ["description"] = parameter["description"]?.GetValue<string>(),
                ["disabled"] = !required,
            });
        }
        var enabled = query.OfType<JsonObject>().Where(q => q["disabled"]!.GetValue<bool>() == false)
            .Select(q => $"{q["key"]!.GetValue<string>()}={q["value"]!.GetValue<string>()}").ToList();
        var url = new JsonObject
        {
            ["raw"] = "{{baseUrl}}/" + string.Join('/', segments) + (enabled.Count > 0 ? "?" + string.Join('&', enabled) : ""),
            ["host"] = new JsonArray("{{baseUrl}}"),
            ["path"] = new JsonArray(segments.Select(s => (JsonNode?)s).ToArray()),
        };
        if (query.Count > 0) url["query"] = query;
        if (planned.PathValues.Count > 0)
            url["variable"] = new JsonArray(planned.PathValues.Select(v => (JsonNode?)new JsonObject
            {
                ["key"] = v.Name,
                ["value"] = v.Value,
                ["description"] = v.Description,
            }).ToArray());
        return url;
    }

    private JsonArray Headers(PlannedRequest planned)
    {
        var headers = new JsonArray();
        var accepts = (planned.Operation.Node["responses"] as JsonObject ?? [])
            .Where(r => r.Key.StartsWith('2') && r.Value is JsonObject)
            .SelectMany(r => reader.Resolve(r.Value!.AsObject())["content"] as JsonObject ?? [])
            .Any(c => c.Key == "application/json");
        if (accepts) headers.Add(Header("Accept", "application/json"));
        if (planned.BodyMediaType is { } mediaType && !mediaType.StartsWith("multipart/", StringComparison.Ordinal))
            headers.Add(Header("Content-Type", mediaType));
        foreach (var parameter in reader.Parameters(planned.Operation, "header"))
        {
            var name = parameter["name"]!.GetValue<string>();
            var value = parameter["schema"] is JsonObject schema ? _examples.Text(schema) : null;
            if (name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)) value ??= "{{$guid}}";
            var header = Header(name, value ?? "", parameter["description"]?.GetValue<string>());
            header["disabled"] = parameter["required"]?.GetValue<bool>() != true;
            headers.Add(header);
        }
        return headers;
    }

    private JsonObject? Body(PlannedRequest planned)
    {
        if (planned.BodyMediaType is not { } mediaType) return null;
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal)) return FormData(planned.Operation, mediaType);
        if (mediaType == "application/x-www-form-urlencoded")
            return new JsonObject
            {
                ["mode"] = "urlencoded",
                ["urlencoded"] = new JsonArray((planned.Body as JsonObject ?? []).Select(p => (JsonNode?)Field(p.Key, Plain(p.Value))).ToArray()),
            };
        return new JsonObject
        {
            ["mode"] = "raw",
            ["raw"] = (planned.Body ?? new JsonObject()).ToJsonString(Indented),
            ["options"] = new JsonObject { ["raw"] = new JsonObject { ["language"] = mediaType.Contains("json", StringComparison.Ordinal) ? "json" : "xml" } },
        };
    }

    /// <summary>A multipart upload: each property a form field, a binary one a file to pick; optional ones disabled.</summary>
    private JsonObject FormData(OpenApiOperation operation, string mediaType)
    {
        var schema = reader.Resolve(operation.Node["requestBody"]?["content"]?[mediaType]?["schema"] as JsonObject ?? []);
        var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var fields = new JsonArray();
        foreach (var (name, node) in schema["properties"] as JsonObject ?? [])
        {
            var property = reader.Resolve(node as JsonObject ?? []);
            var field = property["format"]?.GetValue<string>() == "binary"
                ? new JsonObject { ["key"] = name, ["type"] = "file", ["src"] = new JsonArray() }
                : Field(name, Plain(_examples.Of(property, name)));
            field["description"] = property["description"]?.GetValue<string>();
            field["disabled"] = !required.Contains(name);
            fields.Add(field);
        }
        return new JsonObject { ["mode"] = "formdata", ["formdata"] = fields };
    }

    /// <summary>The client-credentials grant of RFC 6749 §4.4 with the collection's client id and secret.</summary>
    private static JsonObject TokenBody()
    {
        var scope = Field("scope", "", "Space-separated scopes to narrow the token to; all the client's scopes when left out.");
        scope["disabled"] = true;
        return new JsonObject
        {
            ["mode"] = "urlencoded",
            ["urlencoded"] = new JsonArray(
                Field("grant_type", "client_credentials"),
                Field("client_id", "{{clientId}}"),
                Field("client_secret", "{{clientSecret}}"),
                scope),
        };
    }

    private static string Description(PlannedRequest planned)
    {
        var text = planned.Operation.Description ?? planned.Operation.Summary;
        if (planned.Unattended) return text;
        return "**Not in the unattended run**: " + string.Join("; ", planned.Blockers) + ".\n\n" + text;
    }

    private static JsonObject Header(string key, string value, string? description = null)
    {
        var header = new JsonObject { ["key"] = key, ["value"] = value };
        if (description is not null) header["description"] = description;
        return header;
    }

    private static JsonObject Field(string key, string value, string? description = null)
    {
        var field = new JsonObject { ["key"] = key, ["value"] = value, ["type"] = "text" };
        if (description is not null) field["description"] = description;
        return field;
    }

    private static string Plain(JsonNode? value) =>
        value is null ? "" : value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
}
