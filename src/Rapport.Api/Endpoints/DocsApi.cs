using Microsoft.AspNetCore.Mvc;
using Rapport.Api.Metadata;
using Rapport.Api.OpenApi;
using Rapport.Domain.Records;

namespace Rapport.Api.Endpoints;

/// <summary>
/// The API's description (contract §3): <c>GET /openapi/v1.json</c>, built per request from the
/// current metadata so custom fields show at once, and <c>/docs</c>, a browsable UI over it.
/// Both are anonymous: integrators read them before they have a client.
/// </summary>
public static class DocsApi
{
    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(DocsUi.DocumentUrl, GetOpenApiDocument).WithTags("Docs").AllowAnonymous();
        var ui = app.CreateApplicationBuilder()
            .Use(ServeIndexAtPrefix)
            .UseSwaggerUI(DocsUi.Configure)
            .Build();
        app.MapGet("/" + DocsUi.RoutePrefix, ui).WithTags("Docs").AllowAnonymous();
        app.MapGet("/" + DocsUi.RoutePrefix + "/{**asset}", ui).WithTags("Docs").AllowAnonymous();
        return app;
    }

    public static async Task<IResult> GetOpenApiDocument(HttpContext ctx, [FromServices] SchemaRegistry registry)
    {
        var document = await CurrentOpenApiDocument.BuildAsync(registry, OAuthApi.Issuer(ctx.Request), ctx.RequestAborted);
        ctx.Response.Headers.CacheControl = "no-cache";
        return Results.Text(document.ToJsonString(RecordJson.Options), "application/json; charset=utf-8");
    }

    /// <summary>Swagger UI answers <c>/docs</c> with a redirect; the page itself is served there instead, so the address people type works in one step.</summary>
    private static Task ServeIndexAtPrefix(HttpContext ctx, Func<Task> next)
    {
        var path = ctx.Request.Path.Value?.TrimEnd('/');
        if (string.Equals(path, "/" + DocsUi.RoutePrefix, StringComparison.OrdinalIgnoreCase))
            ctx.Request.Path = "/" + DocsUi.RoutePrefix + "/index.html";
        return next();
    }
}
