using System.Diagnostics;

namespace Rapport.Api.Usage;

/// <summary>
/// Records every request (operation, method, client, final status, duration) into the <see cref="UsageRecorder"/>.
/// Registered first, so it sees the status the client gets: problem responses of the exception handler and the
/// status-code pages, 401 and 403 of authentication included.
/// </summary>
public sealed class UsageMiddleware(RequestDelegate next, UsageRecorder recorder)
{
    public const string AnonymousClient = "anonymous";

    public async Task InvokeAsync(HttpContext ctx)
    {
        var started = Stopwatch.GetTimestamp();
        var operation = OperationNames.Of(ctx);
        var failed = false;
        try
        {
            await next(ctx);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetTimestamp() - started;
            var chosen = ctx.Features.Get<UsageOverride>();
            var client = chosen?.Client ?? ctx.User.FindFirst("client_id")?.Value ?? AnonymousClient;
            var status = failed && !ctx.Response.HasStarted ? 500 : ctx.Response.StatusCode;
            recorder.Record(chosen?.Operation ?? operation, ctx.Request.Method, client, status, elapsed);
        }
    }
}
