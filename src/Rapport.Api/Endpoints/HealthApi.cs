using System.Text.Json.Nodes;
using Rapport.Api.Bus;
using Rapport.Api.Infrastructure;

namespace Rapport.Api.Endpoints;

/// <summary>Liveness (the process answers) and readiness (the database, and the bus where configured) for load balancers and orchestrators.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", Live).WithTags("Health").AllowAnonymous();
        app.MapGet("/health/ready", Ready).WithTags("Health").AllowAnonymous();
        return app;
    }

    public static IResult Live() => Results.Json(new JsonObject { ["status"] = "live" });

    /// <summary>
    /// Ready when the database answers and, where this process publishes to a configured bus, the broker
    /// took the last batch: a server started with <c>--no-workers</c> does not publish, so a broker
    /// outage does not take its API out of rotation (writes go on; events wait in the change table).
    /// </summary>
    public static async Task<IResult> Ready(Database db, RapportSettings settings, BusStatus bus, HttpContext ctx)
    {
        var checks = new JsonObject();
        var ready = true;
        try
        {
            await using var s = await db.ReadAsync(ctx.RequestAborted);
            var cmd = s.Command("SELECT 1");
            await cmd.ExecuteScalarAsync(ctx.RequestAborted);
            checks["database"] = new JsonObject { ["status"] = "up", ["provider"] = db.Target.Provider.ToString().ToLowerInvariant() };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ready = false;
            checks["database"] = new JsonObject { ["status"] = "down", ["error"] = e.GetType().Name };
        }
        if (settings.RabbitMq is not null && settings.Workers)
        {
            ready &= !bus.Down;
            checks["bus"] = bus.Down
                ? new JsonObject { ["status"] = "down", ["error"] = bus.LastError }
                : new JsonObject { ["status"] = "up" };
        }
        return Results.Json(new JsonObject { ["status"] = ready ? "ready" : "unavailable", ["checks"] = checks }, statusCode: ready ? 200 : 503);
    }
}
