using System.Text.Json.Nodes;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Response headers several operations send, defined once under <c>components.headers</c>.</summary>
internal static class SharedHeaders
{
    public const string ETag = "ETag";
    public const string Location = "Location";
    public const string NextCursor = "X-Next-Cursor";
    public const string WwwAuthenticate = "WWW-Authenticate";

    public static JsonObject Components() => new()
    {
        [ETag] = Header("The record's version in quotes (`\"3\"`); send it back in `If-Match` to change only what you read.", String()),
        [Location] = Header("The path of the created resource.", String(format: "uri-reference")),
        [NextCursor] = Header("The cursor of the next page, when there is one (the body's `nextCursor`).", String()),
        [WwwAuthenticate] = Header("The authentication scheme to use.", String()),
    };

    /// <summary>The <c>headers</c> map of a response, each entry a reference to a shared header.</summary>
    public static JsonObject Of(params string[] names)
    {
        var headers = new JsonObject();
        foreach (var name in names) headers[name] = HeaderRef(name);
        return headers;
    }

    private static JsonObject Header(string description, JsonObject schema) => new() { ["description"] = description, ["schema"] = schema };
}
