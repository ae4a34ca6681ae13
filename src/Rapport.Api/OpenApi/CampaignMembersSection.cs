using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Campaign membership of contacts and leads, with a member status: <c>/api/v1/campaigns/{id}/members</c>.</summary>
internal static class CampaignMembersSection
{
    public static readonly IReadOnlyList<string> MemberObjects = [StandardObjects.Contacts.Name, StandardObjects.Leads.Name];

    public static void AddSchemas(ComponentSchemas components)
    {
        components.Add("CampaignMember", Object(new JsonObject
        {
            ["id"] = ReadOnly(String("The membership's id (the `memberId` of the member paths).", "uuid")),
            ["campaignId"] = ReadOnly(String(format: "uuid")),
            ["memberObject"] = Enum(MemberObjects, "Whether the member is a contact or a lead."),
            ["memberId"] = String("Id of the contact or lead.", "uuid"),
            ["status"] = With(Enum(Picklists.MemberStatuses), "default", "targeted"),
            ["createdAt"] = ReadOnly(String(format: "date-time")),
            ["updatedAt"] = ReadOnly(String(format: "date-time")),
        }, ["id", "campaignId", "memberObject", "memberId", "status", "createdAt", "updatedAt"], "A contact or lead in a campaign."));

        var input = Object(new JsonObject
        {
            ["memberObject"] = Enum(MemberObjects),
            ["memberId"] = String("Id of the contact or lead.", "uuid"),
            ["status"] = With(Enum(Picklists.MemberStatuses), "default", "targeted"),
        }, ["memberObject", "memberId"], "Adds a contact or lead. Adding one already in the campaign updates its status instead (200).");
        input["additionalProperties"] = false;
        components.Add("CampaignMemberInput", input);

        var patch = Object(new JsonObject { ["status"] = Enum(Picklists.MemberStatuses) }, ["status"]);
        patch["additionalProperties"] = false;
        components.Add("CampaignMemberPatch", patch);

        components.Add("CampaignMemberList", Object(new JsonObject
        {
            ["data"] = ArrayOf(SchemaRef("CampaignMember")),
            ["nextCursor"] = Nullable(String("Pass as `cursor` to get the next page; null on the last page.")),
        }, ["data", "nextCursor"], "A page of members, up to 1000."));
    }

    public static void AddPaths(JsonObject paths)
    {
        var tag = Tags.Of(StandardObjects.Campaigns);
        var campaignId = SharedParameters.Path("id", String(format: "uuid"), "The campaign's id.");
        var memberId = SharedParameters.Path("membershipId", String(format: "uuid"), "The membership's own `id` (not the id of the contact or lead).");
        var member = Content(SchemaRef("CampaignMember"), MediaTypes.Negotiated);
        const string collection = "/api/v1/campaigns/{id}/members";
        const string item = collection + "/{membershipId}";

        new OperationBuilder("listCampaignMembers", tag, "List a campaign's members")
            .Scope(Scopes.Read)
            .Parameter(campaignId)
            .Parameter(ParameterRef(SharedParameters.Cursor))
            .Response(200, "A page of members.", Content(SchemaRef("CampaignMemberList"), MediaTypes.Negotiated))
            .Problems(400, 404, 406)
            .AddTo(paths, collection, "get");
        new OperationBuilder("addCampaignMember", tag, "Add a contact or lead to a campaign")
            .Scope(Scopes.Write)
            .Parameter(campaignId)
            .Body(Content(SchemaRef("CampaignMemberInput"), MediaTypes.Negotiated), "The member.")
            .Response(200, "Already a member; its status was updated.", member)
            .Response(201, "Added.", member, SharedHeaders.Of(SharedHeaders.Location))
            .Problems(400, 404, 406, 413, 415)
            .AddTo(paths, collection, "post");
        new OperationBuilder("updateCampaignMember", tag, "Change a member's status")
            .Scope(Scopes.Write)
            .Parameter(campaignId)
            .Parameter(memberId)
            .Body(Content(SchemaRef("CampaignMemberPatch"), MediaTypes.Patch), "The new status.")
            .Response(200, "The member after the change.", member)
            .Problems(400, 404, 406, 413, 415)
            .AddTo(paths, item, "patch");
        new OperationBuilder("removeCampaignMember", tag, "Remove a member from a campaign")
            .Scope(Scopes.Write)
            .Parameter(campaignId)
            .Parameter(memberId)
            .Response(204, "Removed.")
            .Problems(404)
            .AddTo(paths, item, "delete");
    }
}
