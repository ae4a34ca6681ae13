using Microsoft.AspNetCore.Mvc;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Metadata;
using Rapport.Api.OpenApi;
using Rapport.Api.Postman;
using Rapport.Domain.Records;

namespace Rapport.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/postman-collection</c>: the API as a Postman collection, built from the current
/// OpenAPI document (custom fields included). Any valid token will do, as for every <c>/api</c> call
/// (contract §2); no scope, because the collection holds nothing the public OpenAPI document does not
/// and no secret (the client id and secret stay variables).
/// </summary>
public static class PostmanApi
{
    public const string Route = "/api/v1/postman-collection";

    public static IEndpointRouteBuilder MapPostmanApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, GetCollection).WithTags("Docs").RequireAuthorization();
        return app;
    }

    /// <param name="baseUrl">The server the collection should call; this request's own origin when absent.</param>
    public static async Task<IResult> GetCollection(HttpContext ctx, [FromServices] SchemaRegistry registry, [FromQuery] string? baseUrl)
    {
        if (Negotiation.Accepted(ctx.Request, csvAllowed: false) != MediaFormat.Json)
            throw new ApiException(406, "Not Acceptable", "This call answers in application/json only: a Postman collection is JSON.");
        var origin = OAuthApi.Issuer(ctx.Request);
        if (baseUrl is not null && !IsHttpUrl(baseUrl))
            throw ApiException.BadRequest("baseUrl", "must be an absolute http or https URL, such as https://crm.example.com");
        var document = await CurrentOpenApiDocument.BuildAsync(registry, origin, ctx.RequestAborted);
        var collection = PostmanCollectionBuilder.Build(document, baseUrl ?? origin);
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers.ContentDisposition = "inline; filename=\"rapport.postman_collection.json\"";
        return Results.Text(collection.ToJsonString(RecordJson.Options), "application/json; charset=utf-8");
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
