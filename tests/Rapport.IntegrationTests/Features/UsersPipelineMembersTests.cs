using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Infrastructure.RecordAssert;

namespace Rapport.IntegrationTests.Features;

/// <summary>Users (<c>/api/v1/users</c>), the opportunity pipeline (<c>/api/v1/metadata/pipeline</c>) and campaign members.</summary>
public abstract class UsersPipelineMembersTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private const string Users = $"{V1}/users";
    private const string Pipeline = $"{V1}/metadata/pipeline";
    private const string SeededAdminId = "00000000-0000-7000-8000-000000000001";

    private static Task<HttpClient> AdminAsync(RapportApp app) => app.ClientAsync("crm.read", "crm.write", "crm.admin");

    // ---- users ----

    [Fact]
    public async Task Users_List_IncludesTheSeededAdmin()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var reader = await app.ClientAsync("crm.read");

        using var response = await reader.GetAsync(Users);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var body = await response.JsonObjectAsync();
        Assert.True(body.ContainsKey("nextCursor"));
        var admin = body["data"]!.AsArray().Single(u => u!["email"].Str() == "admin@rapport.local")!;
        Assert.Equal(SeededAdminId, admin.Id());
        Assert.Equal("admin", admin["role"].Str());
        Assert.True(admin["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Users_CreateWithRole_Returns201AndRecordsCanBeOwnedByTheUser()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);

        using var response = await admin.PostJsonAsync(Users, """
            { "name": "Katherine Johnson", "email": "Katherine.Johnson@Rapport.example", "role": "manager" }
            """);

        await response.ExpectStatusAsync(HttpStatusCode.Created);
        var user = await response.JsonObjectAsync();
        Assert.Matches(UuidV7(), user.Id());
        Assert.EndsWith($"/api/v1/users/{user.Id()}", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("Katherine Johnson", user["name"].Str());
        Assert.Equal("katherine.johnson@rapport.example", user["email"].Str());
        Assert.Equal("manager", user["role"].Str());
        Assert.True(user["active"]!.GetValue<bool>());
        using var read = await admin.GetAsync($"{Users}/{user.Id()}");
        await read.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("manager", (await read.JsonObjectAsync())["role"].Str());

        var owned = await admin.CreateAsync("accounts", $$"""{ "name": "NASA Langley", "ownerId": "{{user.Id()}}" }""");
        Assert.Equal(user.Id(), owned["ownerId"].Str());
        Assert.Equal(user.Id(), (await admin.ReadAsync("accounts", owned.Id()))["ownerId"].Str());
        var (byOwner, _) = await admin.ListAsync("accounts", $"ownerId={user.Id()}");
        Assert.Equal(owned.Id(), Assert.Single(byOwner).Id());

        var contact = await admin.CreateAsync("contacts", """{ "firstName": "Dorothy", "lastName": "Vaughan" }""");
        Assert.Equal(SeededAdminId, contact["ownerId"].Str());
        using var reassign = await admin.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", $$"""{ "ownerId": "{{user.Id()}}" }""");
        await reassign.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal(user.Id(), (await reassign.JsonObjectAsync())["ownerId"].Str());
    }

    [Fact]
    public async Task CreateRecord_UnknownOwnerId_Returns400NamingOwnerId()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.PostJsonAsync($"{V1}/accounts", $$"""{ "name": "Ghost Corp", "ownerId": "{{Guid.CreateVersion7()}}" }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "ownerId");
        Assert.Equal(0, await client.CountAsync("accounts"));
    }

    [Fact]
    public async Task Users_DuplicateEmail_Returns409NamingEmail()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        using var first = await admin.PostJsonAsync(Users, """{ "name": "Mary Jackson", "email": "mary.jackson@rapport.example", "role": "sales" }""");
        await first.ExpectStatusAsync(HttpStatusCode.Created);

        using var duplicate = await admin.PostJsonAsync(Users, """{ "name": "Mary W. Jackson", "email": "Mary.Jackson@RAPPORT.example", "role": "support" }""");
        using var seeded = await admin.PostJsonAsync(Users, """{ "name": "Another Admin", "email": "admin@rapport.local", "role": "admin" }""");

        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "email");
        await ProblemAssert.IsProblemAsync(seeded, HttpStatusCode.Conflict, "email");
        using var list = await admin.GetAsync(Users);
        Assert.Equal(2, (await list.JsonObjectAsync())["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Users_UnknownRole_Returns400NamingRole()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);

        using var response = await admin.PostJsonAsync(Users, """{ "name": "Mary Jackson", "email": "mary.jackson@rapport.example", "role": "overlord" }""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "role");
        Assert.Contains("manager", problem["errors"]!["role"]![0].Str());
        using var list = await admin.GetAsync(Users);
        Assert.Single((await list.JsonObjectAsync())["data"]!.AsArray());
    }

    [Fact]
    public async Task Users_CreateWithoutAdminScope_Returns403()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var writer = await app.ClientAsync("crm.read", "crm.write");

        using var response = await writer.PostJsonAsync(Users, """{ "name": "Mary Jackson", "email": "mary.jackson@rapport.example" }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    // ---- pipeline ----

    private static readonly (string Name, int Probability)[] DefaultStages =
    [
        ("prospecting", 10), ("qualification", 20), ("proposal", 50), ("negotiation", 75), ("closedWon", 100), ("closedLost", 0),
    ];

    private static async Task<List<JsonObject>> StagesAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Pipeline);
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return (await response.JsonObjectAsync())["stages"]!.AsArray().Select(s => s!.AsObject()).ToList();
    }

    private const string WithDiscovery = """
        {
          "stages": [
            { "name": "prospecting", "label": "Prospecting", "probability": 10 },
            { "name": "discovery", "label": "Discovery", "probability": 15 },
            { "name": "qualification", "label": "Qualification", "probability": 20 },
            { "name": "proposal", "label": "Proposal", "probability": 50 },
            { "name": "negotiation", "label": "Negotiation", "probability": 75 },
            { "name": "closedWon", "label": "Closed won", "probability": 100, "isWon": true },
            { "name": "closedLost", "label": "Closed lost", "probability": 0, "isClosed": true }
          ]
        }
        """;

    [Fact]
    public async Task Pipeline_Get_ReturnsTheSixDefaultStagesInOrder()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var reader = await app.ClientAsync("crm.read");

        var stages = await StagesAsync(reader);

        Assert.Equal(DefaultStages, stages.Select(s => (s["name"].Str()!, s["probability"]!.GetValue<int>())));
        Assert.Equal(Enumerable.Range(1, 6), stages.Select(s => s["position"]!.GetValue<int>()));
        var won = stages.Single(s => s["name"].Str() == "closedWon");
        Assert.True(won["isWon"]!.GetValue<bool>());
        Assert.True(won["isClosed"]!.GetValue<bool>());
        var lost = stages.Single(s => s["name"].Str() == "closedLost");
        Assert.False(lost["isWon"]!.GetValue<bool>());
        Assert.True(lost["isClosed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Pipeline_ReplaceAddingDiscovery_OpportunitiesCanUseItWithItsProbability()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        var before = await admin.CreateAsync("opportunities", """{ "name": "Initech — renewal", "stage": "proposal", "amount": 8000, "currency": "USD" }""");

        using var response = await admin.PutJsonAsync(Pipeline, WithDiscovery);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var returned = (await response.JsonObjectAsync())["stages"]!.AsArray();
        Assert.Equal(7, returned.Count);
        var stages = await StagesAsync(admin);
        Assert.Equal(new[] { "prospecting", "discovery", "qualification", "proposal", "negotiation", "closedWon", "closedLost" },
            stages.Select(s => s["name"].Str()));
        Assert.Equal(Enumerable.Range(1, 7), stages.Select(s => s["position"]!.GetValue<int>()));
        Assert.Equal(15, stages[1]["probability"]!.GetValue<int>());

        var opportunity = await admin.CreateAsync("opportunities", """{ "name": "Globex — platform", "stage": "discovery", "amount": 42000, "currency": "USD" }""");
        Assert.Equal("discovery", opportunity["stage"].Str());
        Assert.Equal(15, opportunity["probability"]!.GetValue<int>());
        using var moved = await admin.PatchJsonAsync($"{V1}/opportunities/{before.Id()}", """{ "stage": "discovery" }""");
        await moved.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal(15, (await moved.JsonObjectAsync())["probability"]!.GetValue<int>());
        var (inDiscovery, _) = await admin.ListAsync("opportunities", "stage=discovery");
        Assert.Equal(2, inDiscovery.Count);
    }

    [Fact]
    public async Task Pipeline_ReplaceDroppingAStageInUse_Returns409AndKeepsThePipeline()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await admin.CreateAsync("opportunities", """{ "name": "Initech — seats", "stage": "negotiation", "amount": 12000, "currency": "USD" }""");

        using var response = await admin.PutJsonAsync(Pipeline, """
            {
              "stages": [
                { "name": "prospecting", "probability": 10 },
                { "name": "qualification", "probability": 20 },
                { "name": "proposal", "probability": 50 },
                { "name": "closedWon", "probability": 100, "isWon": true },
                { "name": "closedLost", "probability": 0, "isClosed": true }
              ]
            }
            """);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("negotiation", problem["detail"].Str());
        Assert.Equal(DefaultStages.Select(s => s.Name), (await StagesAsync(admin)).Select(s => s["name"].Str()));
    }

    [Fact]
    public async Task Pipeline_ReplaceWithoutAdminScope_Returns403()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var writer = await app.ClientAsync("crm.read", "crm.write");

        using var response = await writer.PutJsonAsync(Pipeline, WithDiscovery);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(6, (await StagesAsync(writer)).Count);
    }

    [Fact]
    public async Task Opportunity_UnknownStage_Returns400ListingTheAllowedStages()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.PostJsonAsync($"{V1}/opportunities", """{ "name": "Acme — anvils", "stage": "discovery" }""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "stage");
        var message = problem["errors"]!["stage"]![0].Str()!;
        foreach (var (name, _) in DefaultStages) Assert.Contains(name, message);
        Assert.Equal(0, await client.CountAsync("opportunities"));
    }

    // ---- campaign members ----

    private static string Members(string campaignId) => $"{V1}/campaigns/{campaignId}/members";

    [Fact]
    public async Task Members_AddReAddListPatchDelete_FollowsTheMembership()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var campaign = await client.CreateAsync("campaigns", """
            { "name": "Spring launch webinar", "type": "webinar", "status": "active", "startDate": "2026-04-14" }
            """);
        var contact = await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        var lead = await client.CreateAsync("leads", """{ "firstName": "Grace", "lastName": "Hopper", "company": "EMCC" }""");

        using var add = await client.PostJsonAsync(Members(campaign.Id()), $$"""{ "memberObject": "contacts", "memberId": "{{contact.Id()}}", "status": "sent" }""");
        await add.ExpectStatusAsync(HttpStatusCode.Created);
        var member = await add.JsonObjectAsync();
        Assert.EndsWith($"/api/v1/campaigns/{campaign.Id()}/members/{member.Id()}", add.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(campaign.Id(), member["campaignId"].Str());
        Assert.Equal("contacts", member["memberObject"].Str());
        Assert.Equal(contact.Id(), member["memberId"].Str());
        Assert.Equal("sent", member["status"].Str());

        using var again = await client.PostJsonAsync(Members(campaign.Id()), $$"""{ "memberObject": "contacts", "memberId": "{{contact.Id()}}", "status": "opened" }""");
        await again.ExpectStatusAsync(HttpStatusCode.OK);
        var updated = await again.JsonObjectAsync();
        Assert.Equal(member.Id(), updated.Id());
        Assert.Equal("opened", updated["status"].Str());

        using var addLead = await client.PostJsonAsync(Members(campaign.Id()), $$"""{ "memberObject": "leads", "memberId": "{{lead.Id()}}" }""");
        await addLead.ExpectStatusAsync(HttpStatusCode.Created);
        var leadMember = await addLead.JsonObjectAsync();
        Assert.Equal("targeted", leadMember["status"].Str());

        using var list = await client.GetAsync(Members(campaign.Id()));
        await list.ExpectStatusAsync(HttpStatusCode.OK);
        var page = await list.JsonObjectAsync();
        Assert.True(page.ContainsKey("nextCursor"));
        Assert.Null(page["nextCursor"]);
        var listed = page["data"]!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.Equal("opened", listed.Single(m => m!.Id() == member.Id())!["status"].Str());
        Assert.Equal("leads", listed.Single(m => m!.Id() == leadMember.Id())!["memberObject"].Str());

        using var patch = await client.PatchJsonAsync($"{Members(campaign.Id())}/{member.Id()}", """{ "status": "responded" }""");
        await patch.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("responded", (await patch.JsonObjectAsync())["status"].Str());
        using var badStatus = await client.PatchJsonAsync($"{Members(campaign.Id())}/{member.Id()}", """{ "status": "delighted" }""");
        await ProblemAssert.IsProblemAsync(badStatus, HttpStatusCode.BadRequest, "status");

        using var delete = await client.DeleteAsync($"{Members(campaign.Id())}/{member.Id()}");
        await delete.ExpectStatusAsync(HttpStatusCode.NoContent);
        using var deleteAgain = await client.DeleteAsync($"{Members(campaign.Id())}/{member.Id()}");
        await ProblemAssert.IsProblemAsync(deleteAgain, HttpStatusCode.NotFound);
        using var after = await client.GetAsync(Members(campaign.Id()));
        var remaining = (await after.JsonObjectAsync())["data"]!.AsArray();
        Assert.Equal(leadMember.Id(), Assert.Single(remaining)!.Id());
    }

    [Fact]
    public async Task Members_AddRecordThatDoesNotExist_Returns400NamingMemberId()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var campaign = await client.CreateAsync("campaigns", """{ "name": "Autumn roadshow", "type": "event" }""");
        var lead = await client.CreateAsync("leads", """{ "firstName": "Grace", "lastName": "Hopper" }""");

        using var missing = await client.PostJsonAsync(Members(campaign.Id()), $$"""{ "memberObject": "contacts", "memberId": "{{Guid.CreateVersion7()}}" }""");
        using var wrongObject = await client.PostJsonAsync(Members(campaign.Id()), $$"""{ "memberObject": "contacts", "memberId": "{{lead.Id()}}" }""");

        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "memberId");
        await ProblemAssert.IsProblemAsync(wrongObject, HttpStatusCode.BadRequest, "memberId");
        using var list = await client.GetAsync(Members(campaign.Id()));
        Assert.Empty((await list.JsonObjectAsync())["data"]!.AsArray());
    }

    [Fact]
    public async Task Members_UnknownCampaign_Returns404()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var contact = await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        var unknown = Guid.CreateVersion7().ToString();

        using var list = await client.GetAsync(Members(unknown));
        using var add = await client.PostJsonAsync(Members(unknown), $$"""{ "memberObject": "contacts", "memberId": "{{contact.Id()}}" }""");

        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(add, HttpStatusCode.NotFound);
    }
}

public sealed class UsersPipelineMembersTests_Sqlite : UsersPipelineMembersTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class UsersPipelineMembersTests_Postgres(PostgresFixture pg) : UsersPipelineMembersTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
