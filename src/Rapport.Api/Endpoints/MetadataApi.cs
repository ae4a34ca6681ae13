using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Http;
using Rapport.Api.Metadata;
using Rapport.Api.Records;

namespace Rapport.Api.Endpoints;

/// <summary>Custom field definitions (contract §3 metadata calls). Reading needs crm.read, changing crm.admin.</summary>
public static class MetadataApi
{
    public static IEndpointRouteBuilder MapMetadataApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/metadata").WithTags("Metadata").AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapGet("/fields/{object}", ListFields).RequireAuthorization(Scopes.Read);
        api.MapPost("/fields/{object}", CreateField).RequireAuthorization(Scopes.Admin);
        api.MapGet("/fields/{object}/{name}", GetField).RequireAuthorization(Scopes.Read);
        api.MapPatch("/fields/{object}/{name}", UpdateField).RequireAuthorization(Scopes.Admin);
        api.MapDelete("/fields/{object}/{name}", DeleteField).RequireAuthorization(Scopes.Admin);
        return app;
    }

    public static async Task<IResult> ListFields(string @object, HttpContext ctx, CustomFieldService fields)
    {
        var def = RecordOperations.Resolve(@object);
        var list = await fields.ListAsync(def, ctx.RequestAborted);
        return new NodeResponse(new JsonObject { ["data"] = new JsonArray(list.Select(f => (JsonNode?)CustomFieldService.ToJson(f)).ToArray()) }, 200, "fields");
    }

    public static async Task<IResult> GetField(string @object, string name, HttpContext ctx, CustomFieldService fields) =>
        new NodeResponse(CustomFieldService.ToJson(await fields.GetAsync(RecordOperations.Resolve(@object), name, ctx.RequestAborted)), 200, "field");

    public static async Task<IResult> CreateField(string @object, HttpContext ctx, CustomFieldService fields)
    {
        var def = RecordOperations.Resolve(@object);
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        var field = await fields.CreateAsync(def, body, ctx.RequestAborted);
        ctx.Response.Headers.Location = $"/api/v1/metadata/fields/{def.Name}/{field.Name}";
        return new NodeResponse(CustomFieldService.ToJson(field), 201, "field");
    }

    public static async Task<IResult> UpdateField(string @object, string name, HttpContext ctx, CustomFieldService fields)
    {
        var def = RecordOperations.Resolve(@object);
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        return new NodeResponse(CustomFieldService.ToJson(await fields.UpdateAsync(def, name, body, ctx.RequestAborted)), 200, "field");
    }

    public static async Task<IResult> DeleteField(string @object, string name, HttpContext ctx, CustomFieldService fields)
    {
        await fields.DeleteAsync(RecordOperations.Resolve(@object), name, HttpActor.From(ctx.User), ctx.RequestAborted);
        return Results.NoContent();
    }
}
