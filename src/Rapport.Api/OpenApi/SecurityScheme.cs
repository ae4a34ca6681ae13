using System.Text.Json.Nodes;
using Rapport.Api.Auth;

namespace Rapport.Api.OpenApi;

/// <summary>The OAuth 2.0 client-credentials scheme of contract §2, with what each scope allows.</summary>
internal static class SecurityScheme
{
    public const string Name = "oauth2";

    /// <summary>Relative, so the document stays right behind any host name; tools resolve it against the server URL.</summary>
    public const string TokenUrl = "/oauth/token";

    public static readonly IReadOnlyDictionary<string, string> ScopeDescriptions = new Dictionary<string, string>
    {
        [Scopes.Read] = "Read records, audit trails, merges, duplicate clusters, custom field definitions, normalisation settings, the pipeline and users; check records for duplicates.",
        [Scopes.Write] = "Create, change, delete and restore records; convert leads; manage campaign members; merge records and undo merges; scan for duplicates and dismiss them.",
        [Scopes.Admin] = "Manage custom fields, normalisation settings, the pipeline, users, API clients, webhooks and connectors.",
        [Scopes.Bulk] = "Run import and export jobs.",
    };

    public static JsonObject Component()
    {
        var scopes = new JsonObject();
        foreach (var scope in Scopes.All) scopes[scope] = ScopeDescriptions[scope];
        return new JsonObject
        {
            ["type"] = "oauth2",
            ["description"] = "OAuth 2.0 client credentials (RFC 6749 §4.4). Register a client with `rapport clients create`, " +
                              "exchange its id and secret at `POST /oauth/token`, then send `Authorization: Bearer <token>`.",
            ["flows"] = new JsonObject
            {
                ["clientCredentials"] = new JsonObject { ["tokenUrl"] = TokenUrl, ["scopes"] = scopes },
            },
        };
    }

    /// <summary>The document-wide default: a token is needed; each operation narrows it to its scope.</summary>
    public static JsonArray DefaultRequirement() => new(new JsonObject { [Name] = new JsonArray() });
}
