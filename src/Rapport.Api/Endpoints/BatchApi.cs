using System.Diagnostics;
using Rapport.Api.Auth;
using Rapport.Api.Http;
using Rapport.Api.Records;

namespace Rapport.Api.Endpoints;

/// <summary><c>POST /api/v1/batch</c>: up to 1000 record operations, atomic or one by one (contract §3).</summary>
public static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApiV1(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/batch", RunBatch).WithTags("Batch").RequireAuthorization().AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        return app;
    }

    public static async Task<IResult> RunBatch(HttpContext ctx, BatchExecutor executor)
    {
        var (atomic, operations) = BatchRequest.Parse(await RequestBody.ReadAnyAsync(ctx.Request, ctx.RequestAborted));
        var result = await executor.RunAsync(atomic, operations, HttpActor.From(ctx.User), Activity.Current?.Id ?? ctx.TraceIdentifier, ctx.RequestAborted);
        return new NodeResponse(result, 200, "batch");
    }
}
