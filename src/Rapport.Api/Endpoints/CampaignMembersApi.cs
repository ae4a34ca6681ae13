using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Data.Model;
using Rapport.Data.Records;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Api.Endpoints;

/// <summary>
/// Campaign membership: contacts and leads with a member status. Kept in its own table, so a
/// campaign with a hundred thousand members costs nothing when the campaign itself is read.
/// </summary>
public static class CampaignMembersApi
{
    private const int PageSize = 1000;

    public static IEndpointRouteBuilder MapCampaignMembersApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/campaigns/{id}/members").WithTags("Campaigns").AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapGet("/", ListMembers).RequireAuthorization(Scopes.Read);
        api.MapPost("/", AddMember).RequireAuthorization(Scopes.Write);
        api.MapPatch("/{membershipId}", UpdateMember).RequireAuthorization(Scopes.Write);
        api.MapDelete("/{membershipId}", RemoveMember).RequireAuthorization(Scopes.Write);
        return app;
    }

    public static async Task<IResult> ListMembers(string id, string? cursor, Database db, HttpContext ctx)
    {
        var campaignId = await CampaignAsync(db, id, ctx.RequestAborted);
        Guid? after = null;
        if (cursor is not null) after = Guid.TryParse(cursor, out var a) ? a : throw ApiException.BadRequest("cursor", "is not a cursor issued by this server");
        await using var context = db.Context();
        var query = context.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == campaignId);
        if (after is { } last) query = query.Where(m => m.Id.CompareTo(last) > 0);
        var page = await query.OrderBy(m => m.Id).Take(PageSize + 1).ToListAsync(ctx.RequestAborted);
        var more = page.Count > PageSize;
        if (more) page.RemoveAt(page.Count - 1);
        return new NodeResponse(new JsonObject
        {
            ["data"] = new JsonArray(page.Select(m => (JsonNode?)ToJson(m)).ToArray()),
            ["nextCursor"] = more ? page[^1].Id.ToString() : null,
        }, 200, "members");
    }

    public static async Task<IResult> AddMember(string id, Database db, HttpContext ctx)
    {
        var campaignId = await CampaignAsync(db, id, ctx.RequestAborted);
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        JsonBody.OnlyKnown(body, "memberObject", "memberId", "status");
        var memberObject = JsonBody.Option(body, "memberObject", ["contacts", "leads"], required: true)!;
        var memberText = JsonBody.Text(body, "memberId", required: true)!;
        if (!Guid.TryParse(memberText, out var memberId)) throw ApiException.BadRequest("memberId", "must be a record id (UUID)");
        var status = JsonBody.Option(body, "status", Picklists.MemberStatuses, required: false) ?? "targeted";
        await using (var s = await db.ReadAsync(ctx.RequestAborted))
        {
            if (!await RecordStore.ExistsAsync(s, memberObject, memberId, ctx.RequestAborted))
                throw ApiException.BadRequest("memberId", $"no {memberObject} record with id {memberId}");
        }
        await using var context = db.Context();
        var existing = await context.CampaignMembers.FirstOrDefaultAsync(m => m.CampaignId == campaignId && m.MemberObject == memberObject && m.MemberId == memberId, ctx.RequestAborted);
        if (existing is not null)
        {
            if (existing.Status != status) { existing.Status = status; existing.UpdatedAt = Timestamps.Now(); await context.SaveChangesAsync(ctx.RequestAborted); }
            return new NodeResponse(ToJson(existing), 200, "member");
        }
        var now = Timestamps.Now();
        var member = new CampaignMember { Id = Guid.CreateVersion7(), CampaignId = campaignId, MemberObject = memberObject, MemberId = memberId, Status = status, CreatedAt = now, UpdatedAt = now };
        context.CampaignMembers.Add(member);
        await context.SaveChangesAsync(ctx.RequestAborted);
        ctx.Response.Headers.Location = $"/api/v1/campaigns/{campaignId}/members/{member.Id}";
        return new NodeResponse(ToJson(member), 201, "member");
    }

    public static async Task<IResult> UpdateMember(string id, string membershipId, Database db, HttpContext ctx)
    {
        var campaignId = await CampaignAsync(db, id, ctx.RequestAborted);
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        JsonBody.OnlyKnown(body, "status");
        var status = JsonBody.Option(body, "status", Picklists.MemberStatuses, required: true)!;
        await using var context = db.Context();
        var member = await FindAsync(context, campaignId, membershipId, ctx.RequestAborted);
        member.Status = status;
        member.UpdatedAt = Timestamps.Now();
        await context.SaveChangesAsync(ctx.RequestAborted);
        return new NodeResponse(ToJson(member), 200, "member");
    }

    public static async Task<IResult> RemoveMember(string id, string membershipId, Database db, HttpContext ctx)
    {
        var campaignId = await CampaignAsync(db, id, ctx.RequestAborted);
        await using var context = db.Context();
        context.CampaignMembers.Remove(await FindAsync(context, campaignId, membershipId, ctx.RequestAborted));
        await context.SaveChangesAsync(ctx.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<Guid> CampaignAsync(Database db, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var campaignId)) throw ApiException.NotFound($"No campaigns record with id '{id}'.");
        await using var s = await db.ReadAsync(ct);
        return await RecordStore.ExistsAsync(s, StandardObjects.Campaigns.Table, campaignId, ct) ? campaignId : throw ApiException.NotFound("campaigns", campaignId);
    }

    private static async Task<CampaignMember> FindAsync(Data.RapportDbContext context, Guid campaignId, string memberId, CancellationToken ct)
    {
        if (!Guid.TryParse(memberId, out var mid)) throw ApiException.NotFound($"No member '{memberId}' in this campaign.");
        return await context.CampaignMembers.FirstOrDefaultAsync(m => m.CampaignId == campaignId && m.Id == mid, ct)
            ?? throw ApiException.NotFound($"No member {mid} in campaign {campaignId}.");
    }

    private static JsonObject ToJson(CampaignMember m) => new()
    {
        ["id"] = m.Id.ToString(), ["campaignId"] = m.CampaignId.ToString(), ["memberObject"] = m.MemberObject, ["memberId"] = m.MemberId.ToString(),
        ["status"] = m.Status, ["createdAt"] = Timestamps.ToText(m.CreatedAt), ["updatedAt"] = Timestamps.ToText(m.UpdatedAt),
    };
}
