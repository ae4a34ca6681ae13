using System.Text.Json.Nodes;
using Rapport.Api.Infrastructure;

namespace Rapport.Api.Endpoints;

/// <summary>Liveness (the process answers) and readiness (the database answers) for load balancers and orchestrators.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", Live).WithTags("Health").AllowAnonymous();
        app.MapGet("/health/ready", Ready).WithTags("Health").AllowAnonymous();
        return app;
    }

    public static IResult Live() => Results.Json(new JsonObject { ["status"] = "live" });

    public static async Task<IResult> Ready(Database db, HttpContext ctx)
    {
        try
        {
            await using var s = await db.ReadAsync(ctx.RequestAborted);
            var cmd = s.Command("SELECT 1");
            await cmd.ExecuteScalarAsync(ctx.RequestAborted);
            return Results.Json(new JsonObject
            {
                ["status"] = "ready",
                ["checks"] = new JsonObject { ["database"] = new JsonObject { ["status"] = "up", ["provider"] = db.Target.Provider.ToString().ToLowerInvariant() } },
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Json(new JsonObject
            {
                ["status"] = "unavailable",
                ["checks"] = new JsonObject { ["database"] = new JsonObject { ["status"] = "down", ["error"] = e.GetType().Name } },
            }, statusCode: 503);
        }
    }
}
