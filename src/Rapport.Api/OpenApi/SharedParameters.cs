using System.Text.Json.Nodes;
using Rapport.Domain.Querying;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Parameters many operations share, defined once under <c>components.parameters</c>.</summary>
internal static class SharedParameters
{
    public const string Limit = "limit";
    public const string Cursor = "cursor";
    public const string Sort = "sort";
    public const string Fields = "fields";
    public const string Search = "q";
    public const string Id = "id";
    public const string IfMatch = "ifMatch";
    public const string IdempotencyKey = "idempotencyKey";
    public const string ExternalSystem = "externalSystem";
    public const string ExternalId = "externalId";

    /// <summary>The system names <c>externalIds</c> accepts, the same rule the server checks.</summary>
    public const string SystemNamePattern = "^[A-Za-z][A-Za-z0-9_.-]{0,63}$";

    public static JsonObject Components()
    {
        var limit = Integer($"How many records a page holds (1 to {ListQuery.MaxLimit}).", 1, ListQuery.MaxLimit);
        limit["format"] = "int32";
        limit["default"] = 50;
        return new JsonObject
        {
            [Limit] = Query("limit", limit, "Page size."),
            [Cursor] = Query("cursor", String(), "The `nextCursor` of the previous page; omit for the first page. Opaque."),
            [Sort] = Query("sort", String(),
                "Comma-separated fields to order by; a leading `-` sorts descending (`-updatedAt,lastName`). Nested and custom fields use dots (`address.city`, `custom.<name>`)."),
            [Fields] = Query("fields", String(),
                "Comma-separated projection: only these fields are returned (`id` always is). `custom` returns every custom field, `custom.<name>` one."),
            [Search] = Query("q", String(), "Free-text search over names, emails and phones."),
            [Id] = Path("id", String(format: "uuid"), "The record's id."),
            [IfMatch] = new JsonObject
            {
                ["name"] = "If-Match",
                ["in"] = "header",
                ["required"] = false,
                ["description"] = "The ETag of the version you read (`\"3\"`). When the record has changed since, the call fails with 412 instead of overwriting.",
                ["schema"] = String(),
            },
            [IdempotencyKey] = new JsonObject
            {
                ["name"] = "Idempotency-Key",
                ["in"] = "header",
                ["required"] = false,
                ["description"] = "A unique key per intended create (a UUID). A retry with the same key and body returns the first response instead of creating twice; the same key with another body fails with 422.",
                ["schema"] = new JsonObject { ["type"] = "string", ["maxLength"] = 255 },
            },
            [ExternalSystem] = Path("system", new JsonObject { ["type"] = "string", ["pattern"] = SystemNamePattern, ["example"] = "erp" },
                "The other system's name, as used in `externalIds` (`erp`, `hubspot`)."),
            [ExternalId] = Path("externalId", new JsonObject { ["type"] = "string", ["maxLength"] = 255, ["example"] = "C-1001" }, "The record's id in that system."),
        };
    }

    public static JsonObject Query(string name, JsonObject schema, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["required"] = false,
        ["description"] = description,
        ["schema"] = schema,
    };

    public static JsonObject Path(string name, JsonObject schema, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["description"] = description,
        ["schema"] = schema,
    };
}
