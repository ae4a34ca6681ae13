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
        if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", ctx.Request.Method, ctx.Request.Path);
        ctx.Response.Clear();
        await ResponseWriter.WriteProblemAsync(ctx, problem);
        return true;
    }
}
