using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Quality;

/// <summary><c>POST /api/v1/{object}/merge</c> and <c>POST /api/v1/merges/{id}/undo</c> (contract §6).</summary>
public abstract class MergeTests
{
    protected abstract Task<RapportApp?> StartAsync();

    private sealed record Family(JsonObject Survivor, JsonObject Second, JsonObject Third, string AccountId, string OpportunityId, string CaseId, string ActivityId, string CampaignA, string CampaignB);

    /// <summary>Three contacts for one person, each with something the others lack, and records that point at them.</summary>
    private static async Task<Family> SeedAsync(HttpClient client)
    {
        var account = await client.CreateAsync("accounts", """{ "name": "Analytical Engines Ltd", "domain": "engines.example" }""");
        var survivor = await client.CreateAsync("contacts", $$"""
            { "firstName": "Ada", "lastName": "Lovelace", "emails": [{ "address": "ada@engines.example", "primary": true }], "accountId": "{{account.Id()}}" }
            """);
        var second = await client.CreateAsync("contacts", """
            { "lastName": "Lovelace", "title": "Countess", "emails": [{ "address": "ADA@engines.example", "primary": true }, { "address": "countess@lovelace.example" }],
              "phones": [{ "number": "+44 20 7946 0018" }], "externalIds": { "erp": "C-100" } }
            """);
        var third = await client.CreateAsync("contacts", """
            { "firstName": "Augusta Ada", "lastName": "King", "birthDate": "1815-12-10", "externalIds": { "erp": "C-200", "web": "w-9" } }
            """);
        var opportunity = await client.CreateAsync("opportunities", $$"""{ "name": "Difference engine", "contactId": "{{second.Id()}}" }""");
        var @case = await client.CreateAsync("cases", $$"""{ "subject": "Punch cards jam", "contactId": "{{third.Id()}}" }""");
        var activity = await client.CreateAsync("activities", $$"""{ "type": "call", "subject": "Notes on the engine", "relatedObject": "contacts", "relatedId": "{{second.Id()}}" }""");
        var campaignA = await client.CreateAsync("campaigns", """{ "name": "Science fair" }""");
        var campaignB = await client.CreateAsync("campaigns", """{ "name": "Poetry night" }""");
        foreach (var (campaign, contact) in new[] { (campaignA, survivor), (campaignA, second), (campaignB, third) })
        {
            using var r = await client.PostJsonAsync($"{V1}/campaigns/{campaign.Id()}/members", $$"""{ "memberObject": "contacts", "memberId": "{{contact.Id()}}" }""");
            await r.ExpectStatusAsync(HttpStatusCode.Created);
        }
        return new Family(survivor, second, third, account.Id(), opportunity.Id(), @case.Id(), activity.Id(), campaignA.Id(), campaignB.Id());
    }

    private static async Task<JsonObject> MergeAsync(HttpClient client, Family f, string extra = "")
    {
        using var response = await client.PostJsonAsync($"{V1}/contacts/merge", $$"""
            { "survivorId": "{{f.Survivor.Id()}}", "mergedIds": ["{{f.Second.Id()}}", "{{f.Third.Id()}}"]{{extra}} }
            """);
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return await response.JsonObjectAsync();
    }

    private static async Task<List<string>> MemberIdsAsync(HttpClient client, string campaignId)
    {
        using var response = await client.GetAsync($"{V1}/campaigns/{campaignId}/members");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return [.. (await response.JsonObjectAsync())["data"]!.AsArray().Select(m => m!["memberId"].Str()!)];
    }

    [Fact]
    public async Task Merge_ThreeContacts_FillsGapsUnitesListsAndMovesEverythingToTheSurvivor()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var f = await SeedAsync(client);

        var result = await MergeAsync(client, f);

        var survivor = await client.ReadAsync("contacts", f.Survivor.Id());
        Assert.Equal("Ada", survivor["firstName"].Str());
        Assert.Equal("Lovelace", survivor["lastName"].Str());
        Assert.Equal("Countess", survivor["title"].Str());
        Assert.Equal("1815-12-10", survivor["birthDate"].Str());
        Assert.Equal(f.AccountId, survivor["accountId"].Str());
        var emails = survivor["emails"]!.AsArray().Select(e => e!["address"].Str()).ToList();
        Assert.Equal(["ada@engines.example", "countess@lovelace.example"], emails);
        Assert.Single(survivor["emails"]!.AsArray(), e => e!["primary"]?.GetValue<bool>() == true);
        Assert.Equal("+442079460018", survivor["phones"]![0]!["number"].Str());
        // Two records know the ERP: the most recently changed one's id shows; the other still leads here.
        Assert.Equal("C-200", survivor["externalIds"]!["erp"].Str());
        Assert.Equal("w-9", survivor["externalIds"]!["web"].Str());
        Assert.Equal(f.Second.Id(), result["fieldSources"]!["title"].Str());
        Assert.Equal(1, result["moved"]!["opportunities"]!.GetValue<int>());

        Assert.Equal(f.Survivor.Id(), (await client.ReadAsync("opportunities", f.OpportunityId))["contactId"].Str());
        Assert.Equal(f.Survivor.Id(), (await client.ReadAsync("cases", f.CaseId))["contactId"].Str());
        Assert.Equal(f.Survivor.Id(), (await client.ReadAsync("activities", f.ActivityId))["relatedId"].Str());
        Assert.Equal([f.Survivor.Id()], await MemberIdsAsync(client, f.CampaignA));
        Assert.Equal([f.Survivor.Id()], await MemberIdsAsync(client, f.CampaignB));

        using (var upsert = await client.PutJsonAsync($"{V1}/contacts/external/erp/C-100", """{ "title": "Enchantress of numbers" }"""))
            await upsert.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Enchantress of numbers", (await client.ReadAsync("contacts", f.Survivor.Id()))["title"].Str());
        Assert.Equal(1, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Merge_MergedIds_AnswerWhereTheyWent()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var f = await SeedAsync(client);
        var mergeId = (await MergeAsync(client, f))["mergeId"].Str();

        using var get = await client.GetAsync($"{V1}/contacts/{f.Second.Id()}");
        Assert.Equal(HttpStatusCode.MovedPermanently, get.StatusCode);
        Assert.Equal($"/api/v1/contacts/{f.Survivor.Id()}", get.Headers.Location?.ToString());
        var problem = await get.JsonObjectAsync();
        Assert.Equal(f.Survivor.Id(), problem["mergedInto"].Str());
        Assert.Equal(mergeId, problem["mergeId"].Str());

        using var patch = await client.PatchJsonAsync($"{V1}/contacts/{f.Third.Id()}", """{ "title": "x" }""");
        Assert.Equal(HttpStatusCode.Gone, patch.StatusCode);
        Assert.Equal(f.Survivor.Id(), (await patch.JsonObjectAsync())["mergedInto"].Str());

        using var restore = await client.PostJsonAsync($"{V1}/contacts/{f.Third.Id()}/restore", "{}");
        Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
        Assert.Contains($"/api/v1/merges/{mergeId}/undo", (await restore.JsonObjectAsync())["detail"].Str());

        using var audit = await client.GetAsync($"{V1}/contacts/{f.Survivor.Id()}/audit");
        await audit.ExpectStatusAsync(HttpStatusCode.OK);
        var entry = (await audit.JsonObjectAsync())["data"]![0]!;
        Assert.Equal("merged", entry["action"].Str());
        Assert.Equal(mergeId, entry["details"]!["mergeId"].Str());
    }

    [Fact]
    public async Task Undo_AfterALaterEdit_RestoresEverythingAndKeepsTheEdit()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var f = await SeedAsync(client);
        var mergeId = (await MergeAsync(client, f))["mergeId"].Str();
        using (var edit = await client.PatchJsonAsync($"{V1}/contacts/{f.Survivor.Id()}", """{ "title": "Mathematician" }"""))
            await edit.ExpectStatusAsync(HttpStatusCode.OK);

        using var undo = await client.PostJsonAsync($"{V1}/merges/{mergeId}/undo", "{}");
        await undo.ExpectStatusAsync(HttpStatusCode.OK);
        var result = await undo.JsonObjectAsync();
        Assert.Equal(["title"], result["keptFields"]!.AsArray().Select(k => k.Str()).ToList());

        var survivor = await client.ReadAsync("contacts", f.Survivor.Id());
        Assert.Equal("Mathematician", survivor["title"].Str());
        Assert.Null(survivor["birthDate"]);
        Assert.Single(survivor["emails"]!.AsArray());
        Assert.Null(survivor["externalIds"]!["erp"]);
        var second = await client.ReadAsync("contacts", f.Second.Id());
        Assert.Equal("Countess", second["title"].Str());
        Assert.Equal("C-100", second["externalIds"]!["erp"].Str());
        Assert.Equal(3, await client.CountAsync("contacts"));
        Assert.Equal(f.Second.Id(), (await client.ReadAsync("opportunities", f.OpportunityId))["contactId"].Str());
        Assert.Equal(f.Third.Id(), (await client.ReadAsync("cases", f.CaseId))["contactId"].Str());
        Assert.Equal(f.Second.Id(), (await client.ReadAsync("activities", f.ActivityId))["relatedId"].Str());
        Assert.Equal(new[] { f.Survivor.Id(), f.Second.Id() }.Order(), (await MemberIdsAsync(client, f.CampaignA)).Order());
        Assert.Equal([f.Third.Id()], await MemberIdsAsync(client, f.CampaignB));
        using (var upsert = await client.PutJsonAsync($"{V1}/contacts/external/erp/C-200", """{ "title": "Poet's daughter" }"""))
            await upsert.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Poet's daughter", (await client.ReadAsync("contacts", f.Third.Id()))["title"].Str());

        using var again = await client.PostJsonAsync($"{V1}/merges/{mergeId}/undo", "{}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Undo_StrictAfterALaterEdit_RefusesAndChangesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var f = await SeedAsync(client);
        var mergeId = (await MergeAsync(client, f))["mergeId"].Str();
        using (var edit = await client.PatchJsonAsync($"{V1}/contacts/{f.Survivor.Id()}", """{ "birthDate": "1815-12-11" }"""))
            await edit.ExpectStatusAsync(HttpStatusCode.OK);
        var before = await client.ReadAsync("contacts", f.Survivor.Id());

        using var undo = await client.PostJsonAsync($"{V1}/merges/{mergeId}/undo", """{ "keepLaterEdits": false }""");
        Assert.Equal(HttpStatusCode.Conflict, undo.StatusCode);
        Assert.Contains("birthDate", (await undo.JsonObjectAsync())["detail"].Str());
        Assert.Equal(before.ToJsonString(), (await client.ReadAsync("contacts", f.Survivor.Id())).ToJsonString());
        Assert.Equal(1, await client.CountAsync("contacts"));
        using var get = await client.GetAsync($"{V1}/contacts/{f.Second.Id()}");
        Assert.Equal(HttpStatusCode.MovedPermanently, get.StatusCode);
    }

    [Fact]
    public async Task Merge_FieldChoicesAndStrategy_DecideTheValues()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var f = await SeedAsync(client);

        await MergeAsync(client, f, $$""", "strategy": "sourcePriority", "sourcePriority": ["web", "erp"], "fieldChoices": { "title": "{{f.Survivor.Id()}}" }""");

        var survivor = await client.ReadAsync("contacts", f.Survivor.Id());
        Assert.Equal("Augusta Ada", survivor["firstName"].Str());
        Assert.Equal("King", survivor["lastName"].Str());
        Assert.Null(survivor["title"]);
        Assert.Equal("C-200", survivor["externalIds"]!["erp"].Str());
    }

    [Fact]
    public async Task Merge_BadRequests_AreRefusedAndChangeNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var f = await SeedAsync(client);
        var gone = await client.CreateAsync("contacts", """{ "lastName": "Deleted" }""");
        using (var delete = await client.DeleteAsync($"{V1}/contacts/{gone.Id()}")) await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        async Task ExpectAsync(HttpStatusCode status, string body, string? text = null)
        {
            using var response = await client.PostJsonAsync($"{V1}/contacts/merge", body);
            Assert.Equal(status, response.StatusCode);
            var problem = await response.JsonObjectAsync();
            ProblemAssert.NoStackTrace(problem.ToJsonString());
            if (text is not null) Assert.Contains(text, problem["detail"].Str());
        }

        var s = f.Survivor.Id();
        await ExpectAsync(HttpStatusCode.UnprocessableEntity, $$"""{ "survivorId": "{{s}}", "mergedIds": ["{{f.AccountId}}"] }""", "is a account, not a contact");
        await ExpectAsync(HttpStatusCode.Conflict, $$"""{ "survivorId": "{{s}}", "mergedIds": ["{{f.Second.Id()}}", "{{gone.Id()}}"] }""", "is deleted");
        await ExpectAsync(HttpStatusCode.BadRequest, $$"""{ "survivorId": "{{s}}", "mergedIds": ["{{s}}"] }""");
        await ExpectAsync(HttpStatusCode.BadRequest, $$"""{ "survivorId": "{{s}}", "mergedIds": [] }""");
        await ExpectAsync(HttpStatusCode.BadRequest, $$"""{ "survivorId": "{{s}}", "mergedIds": ["{{f.Second.Id()}}"], "fieldChoices": { "nope": "{{s}}" } }""");
        await ExpectAsync(HttpStatusCode.NotFound, $$"""{ "survivorId": "{{s}}", "mergedIds": ["{{Guid.CreateVersion7()}}"] }""");
        await ExpectAsync(HttpStatusCode.PreconditionFailed, $$"""{ "survivorId": "{{s}}", "mergedIds": ["{{f.Second.Id()}}"], "versions": { "{{f.Second.Id()}}": 7 } }""", "changed since");

        Assert.Equal(3, await client.CountAsync("contacts"));
        Assert.Equal(1, (await client.ReadAsync("contacts", s))["version"]!.GetValue<long>());
        Assert.Equal(f.Second.Id(), (await client.ReadAsync("opportunities", f.OpportunityId))["contactId"].Str());
        using var noMerge = await client.PostJsonAsync($"{V1}/merges/{Guid.CreateVersion7()}/undo", "{}");
        Assert.Equal(HttpStatusCode.NotFound, noMerge.StatusCode);
    }
}

public sealed class MergeTests_Sqlite : MergeTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class MergeTests_Postgres(PostgresFixture pg) : MergeTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
