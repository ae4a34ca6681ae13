using Microsoft.AspNetCore.Mvc;
using Rapport.Api.Auth;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Records;

namespace Rapport.Api.Endpoints;

/// <summary>The record calls of contract §3, one set of routes for every object.</summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApiV1(this IEndpointRouteBuilder app)
    {
        // Reads check Accept when they answer; writes check it before they write anything (AcceptFilter),
        // which keeps the filter off the hot read path.
        var api = app.MapGroup("/api/v1").WithTags("Records");
        api.MapGet("/{object}", ListRecords).RequireAuthorization(Scopes.Read);
        api.MapGet("/{object}/{id}", GetRecord).RequireAuthorization(Scopes.Read);
        api.MapPost("/{object}", CreateRecord).RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapPatch("/{object}/{id}", PatchRecord).RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapPut("/{object}/external/{system}/{externalId}", UpsertRecord).RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapDelete("/{object}/{id}", DeleteRecord).RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapPost("/{object}/{id}/restore", RestoreRecord).RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        return app;
    }

    public static async Task<IResult> ListRecords(string @object, HttpContext ctx, RecordOperations ops)
    {
        var def = RecordOperations.Resolve(@object);
        var query = ctx.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")));
        var json = Negotiation.Accepted(ctx.Request, csvAllowed: true) == MediaFormat.Json;
        return new OperationResponse(await ops.ListAsync(null, def, query, ctx.RequestAborted, json));
    }

    public static async Task<IResult> GetRecord(string @object, string id, HttpContext ctx, RecordOperations ops)
    {
        var def = RecordOperations.Resolve(@object);
        return new OperationResponse(await ops.GetAsync(null, def, RecordOperations.ParseId(def, id), ctx.RequestAborted));
    }

    public static async Task<IResult> CreateRecord(string @object, HttpContext ctx, RecordOperations ops, Database db,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var def = RecordOperations.Resolve(@object);
        var body = await RequestBody.ReadRecordAsync(ctx.Request, await ops.SchemaAsync(def, ctx.RequestAborted), ctx.RequestAborted);
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => ops.CreateAsync(s, def, body, actor, idempotencyKey, c), ctx.RequestAborted);
        return new OperationResponse(result);
    }

    public static async Task<IResult> PatchRecord(string @object, string id, HttpContext ctx, RecordOperations ops, Database db)
    {
        var def = RecordOperations.Resolve(@object);
        var recordId = RecordOperations.ParseId(def, id);
        var ifMatch = RecordOperations.ParseIfMatch(ctx.Request.Headers.IfMatch);
        var patch = await RequestBody.ReadRecordAsync(ctx.Request, await ops.SchemaAsync(def, ctx.RequestAborted), ctx.RequestAborted);
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => ops.PatchAsync(s, def, recordId, patch, ifMatch, actor, c), ctx.RequestAborted);
        return new OperationResponse(result);
    }

    public static async Task<IResult> UpsertRecord(string @object, string system, string externalId, HttpContext ctx, RecordOperations ops, Database db)
    {
        var def = RecordOperations.Resolve(@object);
        var body = await RequestBody.ReadRecordAsync(ctx.Request, await ops.SchemaAsync(def, ctx.RequestAborted), ctx.RequestAborted);
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => ops.UpsertAsync(s, def, system, externalId, body, actor, c), ctx.RequestAborted);
        return new OperationResponse(result);
    }

    public static async Task<IResult> DeleteRecord(string @object, string id, HttpContext ctx, RecordOperations ops, Database db)
    {
        var def = RecordOperations.Resolve(@object);
        var recordId = RecordOperations.ParseId(def, id);
        var ifMatch = RecordOperations.ParseIfMatch(ctx.Request.Headers.IfMatch);
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => ops.DeleteAsync(s, def, recordId, ifMatch, actor, c), ctx.RequestAborted);
        return new OperationResponse(result);
    }

    public static async Task<IResult> RestoreRecord(string @object, string id, HttpContext ctx, RecordOperations ops, Database db)
    {
        var def = RecordOperations.Resolve(@object);
        var recordId = RecordOperations.ParseId(def, id);
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => ops.RestoreAsync(s, def, recordId, actor, c), ctx.RequestAborted);
        return new OperationResponse(result);
    }
}
