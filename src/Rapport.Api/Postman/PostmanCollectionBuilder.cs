using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rapport.Api.Postman;

/// <summary>
/// Turns the OpenAPI document (the one <c>GET /openapi/v1.json</c> serves, custom fields included) into a
/// Postman collection v2.1 an integrator imports and calls the API with in minutes: one folder per tag, the
/// OAuth token request first, bearer auth with a token fetched on demand, example bodies, and tests that
/// assert each call's documented success status, so <c>newman</c> can run the collection against a server.
/// </summary>
public static partial class PostmanCollectionBuilder
{
    public const string SchemaUrl = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

    /// <summary>The folder of the OAuth calls, first so a run starts with a token.</summary>
    public const string AuthenticationFolder = "Authentication";

    /// <summary>The folder of requests an unattended run cannot make on its own (each says why).</summary>
    public const string NeedsYourDataFolder = "Needs your data";

    /// <param name="openApi">An OpenAPI 3.0 document as JSON.</param>
    /// <param name="baseUrl">The server the collection calls; the document's first server when null.</param>
    public static JsonObject Build(JsonObject openApi, string? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(openApi);
        var reader = new OpenApiReader(openApi);
        baseUrl = (baseUrl ?? reader.Server?["url"]?.GetValue<string>() ?? "http://localhost:5000").TrimEnd('/');
        var tokenPath = TokenPath(openApi);
        var requests = new PostmanRequests(reader, tokenPath);

        var folders = new JsonArray();
        var waiting = new List<JsonNode?>();
        var unattendedFolders = new List<string>();
        var stored = new List<string>();
        foreach (var (tag, description, planned) in RunPlan.Build(reader))
        {
            var name = tag == OpenApi.Tags.OAuth ? AuthenticationFolder : tag;
            stored.AddRange(planned.Where(p => p.Unattended && p.StoresVariable is not null).Select(p => p.StoresVariable!));
            var runnable = planned.Where(p => p.Unattended).Select(p => (JsonNode?)requests.Item(p)).ToArray();
            var held = planned.Where(p => !p.Unattended).Select(p => (JsonNode?)requests.Item(p)).ToArray();
            if (runnable.Length > 0)
            {
                folders.Add(Folder(name, description, runnable));
                unattendedFolders.Add(name);
            }
            if (held.Length > 0) waiting.Add(Folder(name, description, held));
        }
        if (waiting.Count > 0)
            folders.Add(Folder(NeedsYourDataFolder,
                "Requests that need something an unattended run cannot make: a file of yours, the id of a job, merge or webhook delivery, " +
                "or a change to a server-wide setting. Each says what it needs; fill in the variable and send it by hand.", [.. waiting]));

        var info = openApi["info"] as JsonObject ?? [];
        var collection = new JsonObject
        {
            ["info"] = new JsonObject
            {
                ["name"] = info["title"]?.GetValue<string>() ?? "API",
                ["description"] = Description(info, tokenPath, unattendedFolders),
                ["schema"] = SchemaUrl,
            },
            ["auth"] = new JsonObject
            {
                ["type"] = "bearer",
                ["bearer"] = new JsonArray(new JsonObject { ["key"] = "token", ["value"] = "{{accessToken}}", ["type"] = "string" }),
            },
            ["event"] = new JsonArray(PostmanScripts.Event("prerequest", PostmanScripts.FetchTokenWhenNeeded(tokenPath))),
            ["variable"] = Variables(baseUrl, stored, folders),
            ["item"] = folders,
        };
        RemoveNulls(collection);
        return collection;
    }

    /// <summary>The folders an unattended run takes, in order: every folder but <see cref="NeedsYourDataFolder"/>.</summary>
    public static IReadOnlyList<string> UnattendedFolders(JsonObject collection) =>
        (collection["item"] as JsonArray ?? []).Select(f => f!["name"]!.GetValue<string>()).Where(n => n != NeedsYourDataFolder).ToList();

    /// <summary>Absent rather than null (a description the document does not give), as Postman itself writes collections.</summary>
    private static void RemoveNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList()) obj.Remove(key);
            foreach (var (_, value) in obj) RemoveNulls(value);
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array) RemoveNulls(item);
        }
    }

    private static JsonObject Folder(string name, string? description, JsonNode?[] items)
    {
        var folder = new JsonObject { ["name"] = name };
        if (description is not null) folder["description"] = description;
        folder["item"] = new JsonArray(items);
        return folder;
    }

    private static JsonArray Variables(string baseUrl, List<string> stored, JsonArray folders)
    {
        var variables = new JsonArray(
            Variable("baseUrl", baseUrl, "The server, without a trailing slash."),
            Variable("clientId", "", "An API client's id (`rapport clients create --name postman --scopes \"crm.read crm.write crm.admin crm.bulk\" --json`)."),
            Variable("clientSecret", "", "That client's secret. Kept out of the collection file: set it in an environment or here locally."),
            Variable("accessToken", "", "Set by the token request, or fetched before any call when empty or expired."),
            Variable("accessTokenExpiresAt", "", "When accessToken expires (milliseconds since 1970)."));
        var known = new HashSet<string>(["baseUrl", "clientId", "clientSecret", "accessToken", "accessTokenExpiresAt"], StringComparer.Ordinal);
        foreach (var name in stored.Where(known.Add))
            variables.Add(Variable(name, "", "Stored by the create request before it; used by the requests after it."));
        foreach (var name in VariableReference().Matches(folders.ToJsonString()).Select(m => m.Groups[1].Value).Where(known.Add).Order(StringComparer.Ordinal))
            variables.Add(Variable(name, "", "No request of the unattended run stores it: set it to an existing id before the requests that need it."));
        return variables;
    }

    private static JsonObject Variable(string key, string value, string description) =>
        new() { ["key"] = key, ["value"] = value, ["type"] = "string", ["description"] = description };

    private static string Description(JsonObject info, string tokenPath, List<string> unattendedFolders)
    {
        var folders = string.Join(' ', unattendedFolders.Select(f => "--folder " + (f.Contains(' ', StringComparison.Ordinal) ? $"'{f}'" : f)));
        return $"""
            {info["description"]?.GetValue<string>()?.Trim()}

            ## Using this collection
            1. Register an API client: `rapport clients create --name postman --scopes "crm.read crm.write crm.admin crm.bulk" --json`, and put its `client_id` and `client_secret` into the collection variables `clientId` and `clientSecret` (or an environment).
            2. Send any request. A collection pre-request script gets a token from `POST {tokenPath}` when `accessToken` is empty or about to expire and keeps it in `accessToken`; the request *{AuthenticationFolder} › Get an access token* does the same by hand.
            3. Run the collection folder by folder, in order: each create stores the new id (`contactId`, …) that the reads, changes, delete and restore after it use; every request's test checks the status the API documents.

            The folder *{NeedsYourDataFolder}* holds the requests an unattended run cannot make (each says what it needs); leave it out of a run. A run creates, changes, deletes and restores records, a custom field, a webhook subscription (to example.com) and users (which cannot be deleted): run it against a test server.

            Unattended, with newman:

                newman run collection.json --env-var clientId=… --env-var clientSecret=… {folders}
            """;
    }

    /// <summary>The client-credentials token URL of the document's OAuth scheme.</summary>
    private static string TokenPath(JsonObject openApi)
    {
        foreach (var (_, scheme) in openApi["components"]?["securitySchemes"] as JsonObject ?? [])
            if (scheme?["flows"]?["clientCredentials"]?["tokenUrl"]?.GetValue<string>() is { } url) return url;
        return "/oauth/token";
    }

    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9_]*)\}\}")]
    private static partial Regex VariableReference();
}
