using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Rapport.Api.Http;

namespace Rapport.Api.Errors;

/// <summary>The one place exceptions become problem details; unexpected ones are logged, never shown.</summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        var problem = Problem.From(exception);
        // A merged record's id stays valid for reading: GET is sent on to the survivor.
        if (exception is RecordMergedException merged && HttpMethods.IsGet(ctx.Request.Method))
        {
            problem = problem with { Status = 301, Title = "Moved Permanently" };
            ctx.Response.Clear();
            ctx.Response.Headers.Location = $"/api/v1/{merged.ObjectName}/{merged.SurvivorId}";
            await ResponseWriter.WriteProblemAsync(ctx, problem);
            return true;
        }
        if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", ctx.Request.Method, ctx.Request.Path);
        ctx.Response.Clear();
        await ResponseWriter.WriteProblemAsync(ctx, problem);
        return true;
    }
}
