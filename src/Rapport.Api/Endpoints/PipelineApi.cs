using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rapport.Domain.Validation;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Data.Model;

namespace Rapport.Api.Endpoints;

/// <summary>
/// The opportunity pipeline: ordered stages with their win probability. Replacing it is refused
/// while opportunities still use a stage that would disappear, so no record is left invalid.
/// </summary>
public static class PipelineApi
{
    public static IEndpointRouteBuilder MapPipelineApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/metadata/pipeline", GetPipeline).WithTags("Metadata").RequireAuthorization(Scopes.Read);
        app.MapPut("/api/v1/metadata/pipeline", ReplacePipeline).WithTags("Metadata").RequireAuthorization(Scopes.Admin).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        return app;
    }

    public static async Task<IResult> GetPipeline(Database db, HttpContext ctx)
    {
        await using var context = db.Context();
        var stages = await context.PipelineStages.AsNoTracking().OrderBy(s => s.Position).ToListAsync(ctx.RequestAborted);
        return new NodeResponse(ToJson(stages), 200, "pipeline");
    }

    public static async Task<IResult> ReplacePipeline(Database db, SchemaRegistry schemas, HttpContext ctx)
    {
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        JsonBody.OnlyKnown(body, "stages");
        if (body["stages"] is not JsonArray items || items.Count is 0 or > 50) throw ApiException.BadRequest("stages", "must be an array of 1 to 50 stages");
        var stages = new List<PipelineStage>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item) throw ApiException.BadRequest($"stages[{i}]", "must be an object");
            JsonBody.OnlyKnown(item, "name", "label", "probability", "position", "isClosed", "isWon");
            var name = JsonBody.Text(item, "name", required: true, max: 64)!;
            if (!FieldFormats.IsFieldName(name)) throw ApiException.BadRequest($"stages[{i}].name", "must start with a lower-case letter and use letters, digits and '_'");
            if (stages.Any(s => s.Name == name)) throw ApiException.BadRequest($"stages[{i}].name", "is listed twice");
            var isWon = JsonBody.Bool(item, "isWon") ?? false;
            stages.Add(new PipelineStage
            {
                Name = name,
                Label = JsonBody.Text(item, "label", required: false, max: 100) ?? name,
                Probability = JsonBody.Int(item, "probability", 0, 100) ?? throw ApiException.BadRequest($"stages[{i}].probability", "is required"),
                Position = i + 1,
                IsClosed = (JsonBody.Bool(item, "isClosed") ?? false) || isWon,
                IsWon = isWon,
            });
        }
        await using var context = db.Context();
        await using var tx = await context.Database.BeginTransactionAsync(ctx.RequestAborted);
        var names = stages.Select(s => s.Name).ToList();
        var orphaned = await context.Database.SqlQueryRaw<string>(
            "SELECT DISTINCT stage AS \"Value\" FROM opportunities WHERE deleted_at IS NULL AND stage IS NOT NULL").ToListAsync(ctx.RequestAborted);
        var missing = orphaned.Where(o => !names.Contains(o)).ToList();
        if (missing.Count > 0)
            throw ApiException.Conflict($"Opportunities still use the stage(s) {string.Join(", ", missing)}; move them first or keep those stages.", "stages");
        context.PipelineStages.RemoveRange(await context.PipelineStages.ToListAsync(ctx.RequestAborted));
        await context.SaveChangesAsync(ctx.RequestAborted);
        context.PipelineStages.AddRange(stages);
        await context.SaveChangesAsync(ctx.RequestAborted);
        await tx.CommitAsync(ctx.RequestAborted);
        schemas.Invalidate();
        await schemas.ReloadAsync(ctx.RequestAborted);
        return new NodeResponse(ToJson(stages), 200, "pipeline");
    }

    private static JsonObject ToJson(IEnumerable<PipelineStage> stages) => new()
    {
        ["stages"] = new JsonArray(stages.Select(s => (JsonNode?)new JsonObject
        {
            ["name"] = s.Name, ["label"] = s.Label, ["probability"] = s.Probability, ["position"] = s.Position,
            ["isClosed"] = s.IsClosed, ["isWon"] = s.IsWon,
        }).ToArray()),
    };
}
