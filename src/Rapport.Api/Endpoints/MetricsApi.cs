using System.Text;
using Rapport.Api.Infrastructure;
using Rapport.Api.Usage;

namespace Rapport.Api.Endpoints;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format, without a token like the health probes: requests by
/// operation, method, status and client, latency histograms, and the change feed, webhook and job figures.
/// </summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", GetMetrics).WithTags("Metrics").AllowAnonymous();
        return app;
    }

    public static async Task GetMetrics(HttpContext ctx, UsageRecorder recorder, DatabaseFigures figures, Database db)
    {
        var snapshot = await figures.GetAsync(ctx.RequestAborted);
        var text = MetricsPage.Build(recorder.Series(), snapshot, db.Target.Provider.ToString().ToLowerInvariant());
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = PrometheusText.ContentType;
        await ctx.Response.WriteAsync(text, Encoding.UTF8, ctx.RequestAborted);
    }
}
