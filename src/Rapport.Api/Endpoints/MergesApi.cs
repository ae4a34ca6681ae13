using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Quality;
using Rapport.Api.Records;
using Rapport.Data.Quality;
using Rapport.Domain.Records;

namespace Rapport.Api.Endpoints;

/// <summary>Merges and their undo (contract §6), and the audit of what write paths did to a record.</summary>
public static class MergesApi
{
    public static IEndpointRouteBuilder MapMergesApiV1(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/{object}/merge", Merge).WithTags("Data quality").RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        app.MapGet("/api/v1/merges/{id}", GetMerge).WithTags("Data quality").RequireAuthorization(Scopes.Read).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        app.MapPost("/api/v1/merges/{id}/undo", Undo).WithTags("Data quality").RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        app.MapGet("/api/v1/{object}/{id}/audit", Audit).WithTags("Data quality").RequireAuthorization(Scopes.Read).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        return app;
    }

    public static async Task<IResult> Merge(string @object, HttpContext ctx, SchemaRegistry schemas, MergeService merges, Database db)
    {
        var def = RecordOperations.Resolve(@object);
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        var request = MergeRequest.Parse(await schemas.GetAsync(def, ctx.RequestAborted), body);
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => merges.MergeAsync(s, def, request, actor, c), ctx.RequestAborted);
        return new NodeResponse(result, 200, "merge");
    }

    public static async Task<IResult> Undo(string id, HttpContext ctx, MergeService merges, Database db)
    {
        var mergeId = ParseMergeId(id);
        var body = await RequestBody.ReadOptionalObjectAsync(ctx.Request, ctx.RequestAborted);
        var keep = body["keepLaterEdits"] switch
        {
            null => true,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw ApiException.BadRequest("keepLaterEdits", "must be true or false"),
        };
        JsonBody.OnlyKnown(body, "keepLaterEdits");
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => merges.UndoAsync(s, mergeId, strict: !keep, actor, c), ctx.RequestAborted);
        return new NodeResponse(result, 200, "mergeUndo");
    }

    public static async Task<IResult> GetMerge(string id, HttpContext ctx, Database db)
    {
        var mergeId = ParseMergeId(id);
        await using var s = await db.ReadAsync(ctx.RequestAborted);
        var merge = await MergeStore.GetAsync(s, mergeId, forUpdate: false, ctx.RequestAborted) ?? throw ApiException.NotFound($"There is no merge {mergeId}.");
        var state = JsonNode.Parse(merge.StateJson) as JsonObject;
        var result = new JsonObject
        {
            ["id"] = merge.Id.ToString(),
            ["object"] = merge.Object,
            ["survivorId"] = merge.SurvivorId.ToString(),
            ["mergedIds"] = JsonNode.Parse(merge.MergedIdsJson),
            ["clientId"] = merge.ClientId,
            ["createdAt"] = Timestamps.ToText(merge.CreatedAt),
            ["undoneAt"] = merge.UndoneAt is { } u ? Timestamps.ToText(u) : null,
            ["strategy"] = state?["strategy"]?.DeepClone(),
            ["fieldSources"] = state?["sources"]?.DeepClone(),
        };
        return new NodeResponse(result, 200, "merge");
    }

    public static async Task<IResult> Audit(string @object, string id, HttpContext ctx, Database db)
    {
        var def = RecordOperations.Resolve(@object);
        var recordId = RecordOperations.ParseId(def, id);
        await using var s = await db.ReadAsync(ctx.RequestAborted);
        var entries = await AuditStore.ListAsync(s, def.Name, recordId, 1000, ctx.RequestAborted);
        var data = new JsonArray([.. entries.Select(e => (JsonNode?)new JsonObject
        {
            ["id"] = e.Id.ToString(),
            ["at"] = Timestamps.ToText(e.At),
            ["clientId"] = e.ClientId,
            ["action"] = e.Action,
            ["details"] = JsonNode.Parse(e.DetailsJson),
        })]);
        return new NodeResponse(new JsonObject { ["data"] = data }, 200, "audit");
    }

    private static Guid ParseMergeId(string id) =>
        Guid.TryParse(id, out var g) ? g : throw ApiException.NotFound($"There is no merge '{id}'.");
}
