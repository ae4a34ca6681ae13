using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Infrastructure.RecordAssert;

namespace Rapport.IntegrationTests.Features;

/// <summary>
/// Custom fields defined at runtime through <c>/api/v1/metadata/fields/{object}</c> (contract §3), and how
/// every interface sees them at once: validation, filters, sorts, CSV, XML and the OpenAPI document.
/// </summary>
public abstract class CustomFieldsTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private const string Fields = $"{V1}/metadata/fields";

    private const string TierField = """{ "name": "tier", "label": "Tier", "type": "picklist", "options": ["gold", "silver"] }""";

    private static Task<HttpClient> AdminAsync(RapportApp app) => app.ClientAsync("crm.read", "crm.write", "crm.admin");

    private static async Task<JsonObject> DefineAsync(HttpClient admin, string objectName, string json)
    {
        using var response = await admin.PostJsonAsync($"{Fields}/{objectName}", json);
        await response.ExpectStatusAsync(HttpStatusCode.Created);
        return await response.JsonObjectAsync();
    }

    private static string Contact(string first, string last, string custom = "{}") =>
        $$"""{ "firstName": "{{first}}", "lastName": "{{last}}", "custom": {{custom}} }""";

    [Fact]
    public async Task CreateField_Picklist_Returns201WithLocationAndCanBeListedAndRead()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);

        using var response = await admin.PostJsonAsync($"{Fields}/contacts", TierField);

        await response.ExpectStatusAsync(HttpStatusCode.Created);
        Assert.EndsWith("/api/v1/metadata/fields/contacts/tier", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        var field = await response.JsonObjectAsync();
        Assert.Equal("tier", field["name"].Str());
        Assert.Equal("Tier", field["label"].Str());
        Assert.Equal("picklist", field["type"].Str());
        Assert.Equal(new[] { "gold", "silver" }, field["options"]!.AsArray().Select(o => o.Str()));
        Assert.False(field["required"]!.GetValue<bool>());
        Assert.False(field["unique"]!.GetValue<bool>());
        UtcInstant(field["createdAt"]);

        using var list = await admin.GetAsync($"{Fields}/contacts");
        await list.ExpectStatusAsync(HttpStatusCode.OK);
        var listed = (await list.JsonObjectAsync())["data"]!.AsArray();
        Assert.Equal("tier", Assert.Single(listed)!["name"].Str());

        using var one = await admin.GetAsync($"{Fields}/contacts/tier");
        await one.ExpectStatusAsync(HttpStatusCode.OK);
        var read = await one.JsonObjectAsync();
        Assert.Equal("picklist", read["type"].Str());
        Assert.Equal("Tier", read["label"].Str());

        using var otherObject = await admin.GetAsync($"{Fields}/accounts");
        await otherObject.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Empty((await otherObject.JsonObjectAsync())["data"]!.AsArray());

        using var missing = await admin.GetAsync($"{Fields}/contacts/segment");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateContact_PicklistValueInOtherCase_StoresTheDefinedOption()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);

        var contact = await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "tier": "Gold" }"""));

        Assert.Equal("gold", contact["custom"]!["tier"].Str());
        Assert.Equal("gold", (await admin.ReadAsync("contacts", contact.Id()))["custom"]!["tier"].Str());
    }

    [Fact]
    public async Task CreateContact_ValueNotAmongTheOptions_Returns400NamingCustomTier()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);

        using var response = await admin.PostJsonAsync($"{V1}/contacts", Contact("Ada", "Lovelace", """{ "tier": "platinum" }"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "custom.tier");
        Assert.Contains("gold", problem["errors"]!["custom.tier"]![0].Str());
        Assert.Equal(0, await admin.CountAsync("contacts"));
    }

    [Fact]
    public async Task CreateContact_UndefinedCustomField_Returns400NamingIt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);

        using var response = await admin.PostJsonAsync($"{V1}/contacts", Contact("Ada", "Lovelace", """{ "tier": "gold", "nope": "x" }"""));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "custom.nope");
        Assert.Equal(0, await admin.CountAsync("contacts"));
    }

    [Fact]
    public async Task CreateField_ExistingRecords_ShowTheFieldAsNullAtOnce()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        var contact = await admin.CreateAsync("contacts", Contact("Grace", "Hopper"));
        Assert.Empty(contact["custom"]!.AsObject());

        await DefineAsync(admin, "contacts", TierField);

        var read = await admin.ReadAsync("contacts", contact.Id());
        var custom = read["custom"]!.AsObject();
        Assert.True(custom.ContainsKey("tier"), $"custom has no 'tier': {custom.ToJsonString()}");
        Assert.Null(custom["tier"]);
        Assert.Equal(1, read["version"]!.GetValue<long>());
        var (data, _) = await admin.ListAsync("contacts");
        Assert.True(Assert.Single(data)["custom"]!.AsObject().ContainsKey("tier"));
    }

    [Fact]
    public async Task List_FilterOnCustomPicklist_ReturnsOnlyTheMatchingRecords()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);
        var gold = new List<string>();
        gold.Add((await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "tier": "gold" }"""))).Id());
        await admin.CreateAsync("contacts", Contact("Grace", "Hopper", """{ "tier": "silver" }"""));
        gold.Add((await admin.CreateAsync("contacts", Contact("Alan", "Turing", """{ "tier": "GOLD" }"""))).Id());
        await admin.CreateAsync("contacts", Contact("Edsger", "Dijkstra"));
        gold.Add((await admin.CreateAsync("contacts", Contact("Barbara", "Liskov", """{ "tier": "gold" }"""))).Id());

        var (data, next) = await admin.ListAsync("contacts", "custom.tier=gold");

        Assert.Null(next);
        Assert.Equal(gold.Order(), data.Select(r => r.Id()).Order());
        Assert.All(data, r => Assert.Equal("gold", r["custom"]!["tier"].Str()));
        // ne keeps records without a value, as it does for standard fields.
        var (notGold, _) = await admin.ListAsync("contacts", "custom.tier[ne]=gold&sort=lastName");
        Assert.Equal(new[] { "Dijkstra", "Hopper" }, notGold.Select(r => r["lastName"].Str()));
        var (none, _) = await admin.ListAsync("contacts", "custom.tier[isNull]=true");
        Assert.Equal("Dijkstra", Assert.Single(none)["lastName"].Str());
    }

    private static readonly (string First, string Last, int Score)[] Scored =
    [
        ("Ada", "Lovelace", 9), ("Grace", "Hopper", 17), ("Alan", "Turing", 3), ("Edsger", "Dijkstra", 12),
        ("Barbara", "Liskov", 9), ("Donald", "Knuth", 20), ("Frances", "Allen", 1), ("John", "Backus", 15),
        ("Margaret", "Hamilton", 6), ("Ken", "Thompson", 9), ("Radia", "Perlman", 11), ("Niklaus", "Wirth", 5),
    ];

    [Fact]
    public async Task List_NumberFieldFilterGreaterThan_ReturnsOnlyHigherScores()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", """{ "name": "score", "label": "Lead score", "type": "number" }""");
        foreach (var (first, last, score) in Scored)
            await admin.CreateAsync("contacts", Contact(first, last, $$"""{ "score": {{score}} }"""));

        var (data, next) = await admin.ListAsync("contacts", "custom.score[gt]=5&limit=100");

        Assert.Null(next);
        var expected = Scored.Where(s => s.Score > 5).Select(s => s.Last).Order();
        Assert.Equal(expected, data.Select(r => r["lastName"].Str()!).Order());
        Assert.All(data, r => Assert.True(r["custom"]!["score"]!.GetValue<long>() > 5));

        using var bad = await admin.GetAsync($"{V1}/contacts?custom.score[gt]=high");
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "custom.score");
    }

    [Fact]
    public async Task List_SortDescendingOnCustomNumberWithCursor_ReturnsEveryRecordOnceInOrder()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", """{ "name": "score", "label": "Lead score", "type": "number" }""");
        var ids = new Dictionary<string, int>();
        foreach (var (first, last, score) in Scored)
            ids[(await admin.CreateAsync("contacts", Contact(first, last, $$"""{ "score": {{score}} }"""))).Id()] = score;
        var unscored = new List<string>
        {
            (await admin.CreateAsync("contacts", Contact("Linus", "Torvalds"))).Id(),
            (await admin.CreateAsync("contacts", Contact("Dennis", "Ritchie", """{ "score": null }"""))).Id(),
        };

        var seen = new List<JsonObject>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var query = "sort=-custom.score&limit=5" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var (data, next) = await admin.ListAsync("contacts", query);
            Assert.True(data.Count <= 5);
            seen.AddRange(data);
            cursor = next;
            Assert.True(++pages <= 4, "the cursor does not end");
        } while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Keys.Concat(unscored).Order(), seen.Select(r => r.Id()).Order());
        // Descending: highest first, records without a score last.
        var scored = seen.Take(ids.Count).ToList();
        Assert.Equal(ids.Values.OrderDescending(), scored.Select(r => r["custom"]!["score"]!.GetValue<int>()));
        Assert.All(scored, r => Assert.Equal(ids[r.Id()], r["custom"]!["score"]!.GetValue<int>()));
        Assert.Equal(unscored.Order(), seen.Skip(ids.Count).Select(r => r.Id()).Order());
        Assert.All(seen.Skip(ids.Count), r => Assert.Null(r["custom"]!["score"]));

        // Filter and sort together, still paging without loss or repeats.
        var filtered = new List<JsonObject>();
        cursor = null;
        do
        {
            var query = "custom.score[gt]=5&sort=-custom.score&limit=4" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var (data, next) = await admin.ListAsync("contacts", query);
            filtered.AddRange(data);
            cursor = next;
        } while (cursor is not null && filtered.Count < 100);
        Assert.Equal(ids.Where(p => p.Value > 5).Select(p => p.Key).Order(), filtered.Select(r => r.Id()).Order());
        Assert.Equal(ids.Values.Where(v => v > 5).OrderDescending(), filtered.Select(r => r["custom"]!["score"]!.GetValue<int>()));
    }

    [Fact]
    public async Task List_AcceptCsv_HasACustomTierColumn()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);
        await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "tier": "gold" }"""));
        await admin.CreateAsync("contacts", Contact("Grace", "Hopper"));

        using var response = await admin.GetAsync($"{V1}/contacts?sort=lastName", "text/csv");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        var header = rows[0];
        var column = header.IndexOf("custom.tier");
        Assert.True(column >= 0, $"no custom.tier column in: {string.Join(",", header)}");
        Assert.Equal(3, rows.Count);
        var last = header.IndexOf("lastName");
        Assert.Equal(("Hopper", ""), (rows[1][last], rows[1][column]));
        Assert.Equal(("Lovelace", "gold"), (rows[2][last], rows[2][column]));
    }

    [Fact]
    public async Task Get_AcceptXml_WritesTheCustomTierElement()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);
        var contact = await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "tier": "gold" }"""));

        using var response = await admin.GetAsync($"{V1}/contacts/{contact.Id()}", "application/xml");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("contact", root.Name.LocalName);
        Assert.Equal("gold", root.Element("custom")?.Element("tier")?.Value);
    }

    [Fact]
    public async Task CreateContact_XmlBodyWithCustomField_StoresTheDefinedOption()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);

        using var response = await admin.PostAsync($"{V1}/contacts", Content("""
            <?xml version="1.0" encoding="UTF-8"?>
            <contact><firstName>Ada</firstName><lastName>Lovelace</lastName><custom><tier>Gold</tier></custom></contact>
            """, "application/xml"));

        await response.ExpectStatusAsync(HttpStatusCode.Created);
        var created = await response.JsonObjectAsync();
        Assert.Equal("gold", created["custom"]!["tier"].Str());
        Assert.Equal("gold", (await admin.ReadAsync("contacts", created.Id()))["custom"]!["tier"].Str());
    }

    [Fact]
    public async Task OpenApi_RightAfterCreatingAField_ContactSchemaHasIt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);

        static async Task<JsonObject?> TierSchemaAsync(RapportApp app)
        {
            using var doc = await app.Anonymous.GetAsync("/openapi/v1.json");
            await doc.ExpectStatusAsync(HttpStatusCode.OK);
            Assert.Equal("application/json", doc.Content.Headers.ContentType?.MediaType);
            var json = await doc.JsonObjectAsync();
            var custom = json["components"]?["schemas"]?["Contact"]?["properties"]?["custom"];
            Assert.NotNull(custom);
            return custom!["properties"]?["tier"] as JsonObject;
        }

        Assert.Null(await TierSchemaAsync(app));
        await DefineAsync(admin, "contacts", TierField);

        var tier = await TierSchemaAsync(app);
        Assert.NotNull(tier);
        var values = tier!["enum"]!.AsArray().Select(v => v?.GetValue<string>()).ToList();
        Assert.Contains("gold", values);
        Assert.Contains("silver", values);

        using var delete = await admin.DeleteAsync($"{Fields}/contacts/tier");
        await delete.ExpectStatusAsync(HttpStatusCode.NoContent);
        Assert.Null(await TierSchemaAsync(app));
    }

    [Fact]
    public async Task CreateContact_RequiredFieldWithDefault_AppliesTheDefault()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        var field = await DefineAsync(admin, "contacts", """
            { "name": "region", "label": "Sales region", "type": "picklist", "options": ["emea", "amer", "apac"], "required": true, "default": "EMEA" }
            """);
        Assert.True(field["required"]!.GetValue<bool>());
        Assert.Equal("emea", field["default"].Str());

        var defaulted = await admin.CreateAsync("contacts", Contact("Ada", "Lovelace"));
        var given = await admin.CreateAsync("contacts", Contact("Grace", "Hopper", """{ "region": "amer" }"""));
        using var cleared = await admin.PostJsonAsync($"{V1}/contacts", Contact("Alan", "Turing", """{ "region": null }"""));

        Assert.Equal("emea", defaulted["custom"]!["region"].Str());
        Assert.Equal("amer", given["custom"]!["region"].Str());
        await ProblemAssert.IsProblemAsync(cleared, HttpStatusCode.BadRequest, "custom.region");
        Assert.Equal(2, await admin.CountAsync("contacts"));
    }

    [Fact]
    public async Task CreateContact_ValueTakenInUniqueField_Returns409NamingCustomCode()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        var field = await DefineAsync(admin, "contacts", """{ "name": "code", "label": "Customer code", "type": "text", "unique": true }""");
        Assert.True(field["unique"]!.GetValue<bool>());
        var first = await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "code": "C-100" }"""));

        using var duplicate = await admin.PostJsonAsync($"{V1}/contacts", Contact("Grace", "Hopper", """{ "code": "C-100" }"""));

        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "custom.code");
        Assert.Equal(1, await admin.CountAsync("contacts"));
        var other = await admin.CreateAsync("contacts", Contact("Grace", "Hopper", """{ "code": "C-200" }"""));
        using var patch = await admin.PatchJsonAsync($"{V1}/contacts/{other.Id()}", """{ "custom": { "code": "C-100" } }""");
        await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.Conflict, "custom.code");
        Assert.Equal("C-200", (await admin.ReadAsync("contacts", other.Id()))["custom"]!["code"].Str());
        // The holder itself may be saved again with its own value.
        using var self = await admin.PatchJsonAsync($"{V1}/contacts/{first.Id()}", """{ "title": "Analyst", "custom": { "code": "C-100" } }""");
        await self.ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PatchField_MakeUniqueWhileDuplicatesExist_Returns409AndStaysNonUnique()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", """{ "name": "code", "label": "Customer code", "type": "text" }""");
        await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "code": "C-100" }"""));
        await admin.CreateAsync("contacts", Contact("Grace", "Hopper", """{ "code": "C-100" }"""));
        await admin.CreateAsync("contacts", Contact("Alan", "Turing", """{ "code": "C-300" }"""));

        using var response = await admin.PatchJsonAsync($"{Fields}/contacts/code", """{ "unique": true }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        using var read = await admin.GetAsync($"{Fields}/contacts/code");
        await read.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.False((await read.JsonObjectAsync())["unique"]!.GetValue<bool>());
        // A duplicate is still accepted, since the field did not become unique.
        await admin.CreateAsync("contacts", Contact("Barbara", "Liskov", """{ "code": "C-300" }"""));
    }

    [Fact]
    public async Task PatchField_Label_Returns200ButChangingTheType_Returns400()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);

        using var relabel = await admin.PatchJsonAsync($"{Fields}/contacts/tier", """{ "label": "Customer tier" }""");
        using var retype = await admin.PatchJsonAsync($"{Fields}/contacts/tier", """{ "type": "text" }""");

        await relabel.ExpectStatusAsync(HttpStatusCode.OK);
        var relabeled = await relabel.JsonObjectAsync();
        Assert.Equal("Customer tier", relabeled["label"].Str());
        Assert.Equal("picklist", relabeled["type"].Str());
        await ProblemAssert.IsProblemAsync(retype, HttpStatusCode.BadRequest, "type");
        using var read = await admin.GetAsync($"{Fields}/contacts/tier");
        var field = await read.JsonObjectAsync();
        Assert.Equal("Customer tier", field["label"].Str());
        Assert.Equal("picklist", field["type"].Str());
    }

    [Fact]
    public async Task DeleteField_Returns204RemovesTheValuesAndFilteringOnItReturns400()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);
        var ada = await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "tier": "gold" }"""));

        using var delete = await admin.DeleteAsync($"{Fields}/contacts/tier");

        await delete.ExpectStatusAsync(HttpStatusCode.NoContent);
        using var gone = await admin.GetAsync($"{Fields}/contacts/tier");
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);
        var read = await admin.ReadAsync("contacts", ada.Id());
        Assert.False(read["custom"]!.AsObject().ContainsKey("tier"), $"custom still has tier: {read["custom"]!.ToJsonString()}");
        using var filter = await admin.GetAsync($"{V1}/contacts?custom.tier=gold");
        await ProblemAssert.IsProblemAsync(filter, HttpStatusCode.BadRequest, "custom.tier");
        using var write = await admin.PostJsonAsync($"{V1}/contacts", Contact("Grace", "Hopper", """{ "tier": "gold" }"""));
        await ProblemAssert.IsProblemAsync(write, HttpStatusCode.BadRequest, "custom.tier");

        // The stored value itself is gone: a new field with the same name starts empty.
        await DefineAsync(admin, "contacts", TierField);
        var again = await admin.ReadAsync("contacts", ada.Id());
        Assert.True(again["custom"]!.AsObject().ContainsKey("tier"));
        Assert.Null(again["custom"]!["tier"]);
        var (matches, _) = await admin.ListAsync("contacts", "custom.tier=gold");
        Assert.Empty(matches);
    }

    [Fact]
    public async Task DeleteField_RecordsThatHeldAValue_GetANewVersionAndAnUpdatedChangeNamingTheField()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);
        var ada = await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "tier": "gold" }"""));
        var grace = await admin.CreateAsync("contacts", Contact("Grace", "Hopper", "{}"));
        var (_, cursor, _) = await Changes.ChangeFeedTests.ReadAsync(admin);

        using (var delete = await admin.DeleteAsync($"{Fields}/contacts/tier"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        var (changes, _, _) = await Changes.ChangeFeedTests.ReadAsync(admin, $"since={cursor}");
        var change = Assert.Single(changes);
        Assert.Equal(ada.Id(), change["id"].Str());
        Assert.Equal("updated", change["op"].Str());
        Assert.Equal(["custom.tier"], change["changedFields"]!.AsArray().Select(f => f.Str()).ToList());
        Assert.False(change["record"]!["custom"]!.AsObject().ContainsKey("tier"), change["record"]!.ToJsonString());
        var read = await admin.ReadAsync("contacts", ada.Id());
        Assert.Equal(ada["version"]!.GetValue<long>() + 1, read["version"]!.GetValue<long>());
        Assert.Equal(read["version"]!.GetValue<long>(), change["version"]!.GetValue<long>());
        Assert.Equal(grace["version"]!.GetValue<long>(), (await admin.ReadAsync("contacts", grace.Id()))["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task DeleteField_Unknown_Returns404AndChangesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);
        await DefineAsync(admin, "contacts", TierField);
        var ada = await admin.CreateAsync("contacts", Contact("Ada", "Lovelace", """{ "tier": "gold" }"""));
        var (_, cursor, _) = await Changes.ChangeFeedTests.ReadAsync(admin);

        using var delete = await admin.DeleteAsync($"{Fields}/contacts/shoeSize");

        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        var (changes, _, _) = await Changes.ChangeFeedTests.ReadAsync(admin, $"since={cursor}");
        Assert.Empty(changes);
        var read = await admin.ReadAsync("contacts", ada.Id());
        Assert.Equal("gold", read["custom"]!["tier"].Str());
        Assert.Equal(ada["version"]!.GetValue<long>(), read["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task CreateField_NameOfAStandardField_Returns400NamingName()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);

        using var response = await admin.PostJsonAsync($"{Fields}/contacts", """{ "name": "lastName", "label": "Surname", "type": "text" }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "name");
        using var list = await admin.GetAsync($"{Fields}/contacts");
        Assert.Empty((await list.JsonObjectAsync())["data"]!.AsArray());
    }

    [Fact]
    public async Task CreateField_UnknownType_Returns400NamingType()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await AdminAsync(app);

        using var response = await admin.PostJsonAsync($"{Fields}/contacts", """{ "name": "colour", "label": "Colour", "type": "color" }""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "type");
        Assert.Contains("picklist", problem["errors"]!["type"]![0].Str());
    }

    [Fact]
    public async Task CreateField_ReadOnlyToken_Returns403AndDefinesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var reader = await app.ClientAsync("crm.read");
        var writer = await app.ClientAsync("crm.read", "crm.write");

        using var asReader = await reader.PostJsonAsync($"{Fields}/contacts", TierField);
        using var asWriter = await writer.PostJsonAsync($"{Fields}/contacts", TierField);

        await ProblemAssert.IsProblemAsync(asReader, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(asWriter, HttpStatusCode.Forbidden);
        using var list = await reader.GetAsync($"{Fields}/contacts");
        await list.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Empty((await list.JsonObjectAsync())["data"]!.AsArray());
    }
}

public sealed class CustomFieldsTests_Sqlite : CustomFieldsTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class CustomFieldsTests_Postgres(PostgresFixture pg) : CustomFieldsTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
