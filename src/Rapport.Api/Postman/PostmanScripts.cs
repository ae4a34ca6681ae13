using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rapport.Api.Postman;

/// <summary>The JavaScript the collection runs (Postman sandbox, also newman): token handling and per-request tests.</summary>
internal static class PostmanScripts
{
    /// <summary>
    /// Collection pre-request: before any call that needs a token, fetch one with the client credentials
    /// when none is stored or it expires within 30 s; so any request works on its own right after import.
    /// </summary>
    public static string[] FetchTokenWhenNeeded(string tokenPath) =>
    [
        "// Calls that need no token (the token request itself, health, docs) skip this.",
        "if (pm.request.auth && pm.request.auth.type === 'noauth') { return; }",
        "const token = pm.collectionVariables.get('accessToken');",
        "const expiresAt = Number(pm.collectionVariables.get('accessTokenExpiresAt') || 0);",
        "if (token && Date.now() < expiresAt - 30000) { return; }",
        "const clientId = pm.variables.get('clientId');",
        "const clientSecret = pm.variables.get('clientSecret');",
        "if (!clientId || !clientSecret) { console.warn('Set the collection variables clientId and clientSecret (rapport clients create) to get a token.'); return; }",
        "pm.sendRequest({",
        $"    url: pm.variables.get('baseUrl') + {Js(tokenPath)},",
        "    method: 'POST',",
        "    header: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },",
        "    body: { mode: 'urlencoded', urlencoded: [",
        "        { key: 'grant_type', value: 'client_credentials' },",
        "        { key: 'client_id', value: clientId },",
        "        { key: 'client_secret', value: clientSecret },",
        "    ] },",
        "}, function (err, res) {",
        "    if (err || res.code !== 200) { console.error('Token request failed: ' + (err || res.code + ' ' + res.text())); return; }",
        "    const body = res.json();",
        "    pm.collectionVariables.set('accessToken', body.access_token);",
        "    pm.collectionVariables.set('accessTokenExpiresAt', String(Date.now() + body.expires_in * 1000));",
        "});",
    ];

    /// <summary>The token request's test: a token came back, and is stored for every other call.</summary>
    public static string[] StoreToken() =>
    [
        "pm.test('a token is issued', function () {",
        "    pm.response.to.have.status(200);",
        "    const body = pm.response.json();",
        "    pm.expect(body.access_token).to.be.a('string').and.not.empty;",
        "    pm.collectionVariables.set('accessToken', body.access_token);",
        "    pm.collectionVariables.set('accessTokenExpiresAt', String(Date.now() + body.expires_in * 1000));",
        "});",
    ];

    /// <summary>Asserts the documented success statuses; a create also stores the new record's id for the requests after it.</summary>
    public static string[] Test(PlannedRequest request)
    {
        var statuses = request.Operation.SuccessStatuses;
        var lines = new List<string>
        {
            $"pm.test({Js($"{request.Operation.Method} {request.Operation.Path} answers {string.Join(" or ", statuses)}")}, function () {{",
            $"    pm.expect(pm.response.code).to.be.oneOf({JsonSerializer.Serialize(statuses)});",
            "});",
        };
        if (request.StoresVariable is { } variable)
        {
            lines.Add($"pm.test({Js($"stores {variable}")}, function () {{");
            lines.Add("    const body = pm.response.json();");
            lines.Add(request.StoresFrom is null or "id"
                ? "    const value = body.id;"
                : $"    const value = body[{Js(request.StoresFrom)}] !== undefined ? body[{Js(request.StoresFrom)}] : body.id;");
            lines.Add("    pm.expect(value).to.be.a('string').and.not.empty;");
            lines.Add($"    pm.collectionVariables.set({Js(variable)}, value);");
            lines.Add("});");
        }
        return lines.ToArray();
    }

    public static JsonObject Event(string listen, IEnumerable<string> lines) => new()
    {
        ["listen"] = listen,
        ["script"] = new JsonObject
        {
            ["type"] = "text/javascript",
            ["exec"] = new JsonArray(lines.Select(l => (JsonNode?)l).ToArray()),
        },
    };

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Js(string text) => JsonSerializer.Serialize(text, Readable);
}
