using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Records;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Endpoints;

/// <summary>Lead-specific calls beyond the generic record routes.</summary>
public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/leads/{id}/convert", ConvertLead).WithTags("Leads").RequireAuthorization(Scopes.Write).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        return app;
    }

    public static async Task<IResult> ConvertLead(string id, HttpContext ctx, LeadConversion conversion, Database db)
    {
        var leadId = RecordOperations.ParseId(StandardObjects.Leads, id);
        var body = await RequestBody.ReadOptionalObjectAsync(ctx.Request, ctx.RequestAborted);
        var actor = HttpActor.From(ctx.User);
        var result = await db.WriteAsync((s, c) => conversion.ConvertAsync(s, leadId, body, actor, c), ctx.RequestAborted);
        return new NodeResponse(result, 200, "conversion");
    }
}
