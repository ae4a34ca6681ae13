using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Infrastructure.RecordAssert;

namespace Rapport.IntegrationTests.Api;

/// <summary>Create, read, patch, delete and restore through <c>/api/v1/{object}</c> (contract §3), for every object.</summary>
public abstract class RecordsCrudTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private const string Ada = """
        {
          "firstName": "Ada",
          "lastName": "Lovelace",
          "title": "Analyst",
          "emails": [{ "address": "Ada.Lovelace@Analytical-Engines.EXAMPLE", "type": "work" }],
          "phones": [{ "number": "+44 20 7946 0958", "type": "work" }],
          "address": { "street": "12 St James's Square", "city": "London", "postalCode": "SW1Y 4JH", "country": "gb" }
        }
        """;

    [Fact]
    public async Task Create_Contact_Returns201WithLocationETagAndServerFields()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var before = DateTime.UtcNow.AddMinutes(-1);

        using var response = await client.PostJsonAsync($"{V1}/contacts", Ada);

        await response.ExpectStatusAsync(HttpStatusCode.Created);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var contact = await response.JsonObjectAsync();
        var id = contact.Id();
        Assert.Matches(UuidV7(), id);
        Assert.NotNull(response.Headers.Location);
        Assert.EndsWith($"/api/v1/contacts/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(1, contact["version"]!.GetValue<long>());
        var createdAt = UtcInstant(contact["createdAt"]);
        var updatedAt = UtcInstant(contact["updatedAt"]);
        Assert.InRange(createdAt, before, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(createdAt, updatedAt);
        Assert.False(string.IsNullOrEmpty(contact["ownerId"].Str()));
        Assert.IsType<JsonObject>(contact["externalIds"]);
        Assert.IsType<JsonObject>(contact["custom"]);
        Assert.Equal("Ada", contact["firstName"].Str());
        Assert.Equal("Lovelace", contact["lastName"].Str());
    }

    [Fact]
    public async Task Create_ContactWithEmailAndPhone_NormalisesThemAndMarksThePrimary()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var contact = await client.CreateAsync("contacts", Ada);

        var email = contact["emails"]!.AsArray().Single()!;
        Assert.Equal("Ada.Lovelace@analytical-engines.example", email["address"].Str());
        Assert.Equal("work", email["type"].Str());
        Assert.True(email["primary"]!.GetValue<bool>());
        var phone = contact["phones"]!.AsArray().Single()!;
        Assert.Equal("+442079460958", phone["number"].Str());
        Assert.True(phone["primary"]!.GetValue<bool>());
        Assert.Equal("GB", contact["address"]!["country"].Str());
    }

    [Fact]
    public async Task Get_ExistingRecord_Returns200WithETagAndTheCreatedRecord()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var created = await client.CreateAsync("contacts", Ada);

        using var response = await client.GetAsync($"{V1}/contacts/{created.Id()}");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", response.ETag());
        Assert.True(JsonNode.DeepEquals(created, await response.JsonAsync()), "GET returns what POST returned");
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.GetAsync($"{V1}/contacts/{Guid.CreateVersion7()}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_MergePatch_ChangesRemovesAndMergesNestedFields()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var created = await client.CreateAsync("contacts", Ada);

        using var response = await client.PatchJsonAsync($"{V1}/contacts/{created.Id()}", """
            { "title": "Head of Analytics", "phones": null, "address": { "city": "Cambridge", "street": null } }
            """);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.ETag());
        var patched = await response.JsonObjectAsync();
        Assert.Equal(2, patched["version"]!.GetValue<long>());
        Assert.Equal("Head of Analytics", patched["title"].Str());
        Assert.Null(patched["phones"]);
        Assert.Equal("Cambridge", patched["address"]!["city"].Str());
        Assert.Null(patched["address"]!["street"]);
        Assert.Equal("SW1Y 4JH", patched["address"]!["postalCode"].Str());
        Assert.Equal("GB", patched["address"]!["country"].Str());
        Assert.Equal("Lovelace", patched["lastName"].Str());
        Assert.True(JsonNode.DeepEquals(created["emails"], patched["emails"]), "fields the patch does not name stay as they were");
        Assert.Equal(created["createdAt"].Str(), patched["createdAt"].Str());
        Assert.True(UtcInstant(patched["updatedAt"]) > UtcInstant(created["updatedAt"]), "updatedAt moves forward");
        Assert.True(JsonNode.DeepEquals(patched, await client.ReadAsync("contacts", created.Id())), "GET shows the patched record");
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Returns412AndChangesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var id = (await client.CreateAsync("contacts", Ada)).Id();
        using (var first = await client.PatchJsonAsync($"{V1}/contacts/{id}", """{ "title": "Head of Analytics" }""", ifMatch: "\"1\""))
            await first.ExpectStatusAsync(HttpStatusCode.OK);

        using var stale = await client.PatchJsonAsync($"{V1}/contacts/{id}", """{ "title": "Chief Analyst" }""", ifMatch: "\"1\"");

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        var current = await client.ReadAsync("contacts", id);
        Assert.Equal("Head of Analytics", current["title"].Str());
        Assert.Equal(2, current["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Patch_CurrentIfMatch_Returns200WithNextVersion()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var id = (await client.CreateAsync("contacts", Ada)).Id();

        using var response = await client.PatchJsonAsync($"{V1}/contacts/{id}", """{ "title": "Chief Analyst" }""", ifMatch: "\"1\"");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("Chief Analyst", (await response.JsonAsync())["title"].Str());
    }

    [Fact]
    public async Task Patch_SameValues_KeepsVersionAndUpdatedAt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var created = await client.CreateAsync("contacts", Ada);

        using var response = await client.PatchJsonAsync($"{V1}/contacts/{created.Id()}", """
            { "title": "Analyst", "lastName": "Lovelace", "address": { "city": "London" } }
            """);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", response.ETag());
        var body = await response.JsonObjectAsync();
        Assert.Equal(1, body["version"]!.GetValue<long>());
        Assert.Equal(created["updatedAt"].Str(), body["updatedAt"].Str());
        Assert.True(JsonNode.DeepEquals(created, await client.ReadAsync("contacts", created.Id())), "nothing was stored");
    }

    [Fact]
    public async Task Delete_Record_Returns204ThenGet404AndListExcludesIt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var ada = (await client.CreateAsync("contacts", Ada)).Id();
        var grace = (await client.CreateAsync("contacts", """{ "firstName": "Grace", "lastName": "Hopper" }""")).Id();

        using var response = await client.DeleteAsync($"{V1}/contacts/{ada}");

        await response.ExpectStatusAsync(HttpStatusCode.NoContent);
        using (var get = await client.GetAsync($"{V1}/contacts/{ada}"))
            await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
        var ids = (await client.ListAsync("contacts")).Data.Select(r => r.Id()).ToList();
        Assert.Equal([grace], ids);
    }

    [Fact]
    public async Task Restore_DeletedRecord_Returns200AndTheRecordIsBack()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var created = await client.CreateAsync("contacts", Ada);
        using (var delete = await client.DeleteAsync($"{V1}/contacts/{created.Id()}"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        using var response = await client.PostAsync($"{V1}/contacts/{created.Id()}/restore", null);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var restored = await response.JsonObjectAsync();
        Assert.Equal(created.Id(), restored.Id());
        Assert.Equal("Lovelace", restored["lastName"].Str());
        Assert.True(restored["version"]!.GetValue<long>() > 1, "a restore is a change and raises the version");
        Assert.Equal($"\"{restored["version"]}\"", response.ETag());
        var read = await client.ReadAsync("contacts", created.Id());
        Assert.True(JsonNode.DeepEquals(restored, read), "GET shows the restored record");
        Assert.Contains(created.Id(), (await client.ListAsync("contacts")).Data.Select(r => r.Id()));
    }

    [Theory]
    [InlineData("accounts", """{ "name": "Initech" }""")]
    [InlineData("contacts", """{ "lastName": "Lovelace" }""")]
    [InlineData("leads", """{ "lastName": "Hopper" }""")]
    [InlineData("opportunities", """{ "name": "Initech renewal" }""")]
    [InlineData("activities", """{ "type": "task", "subject": "Send the proposal" }""")]
    [InlineData("cases", """{ "subject": "Login fails" }""")]
    [InlineData("campaigns", """{ "name": "Autumn newsletter" }""")]
    [InlineData("products", """{ "name": "Support plan", "sku": "SUP-BASIC" }""")]
    [InlineData("orders", """{ "number": "SO-0001" }""")]
    public async Task Create_MinimalBody_Returns201AndReadsBackTheSameRecord(string objectName, string body)
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var record = await CreateAndReadBackAsync(client, objectName, body);

        Assert.Equal(1, record["version"]!.GetValue<long>());
        foreach (var (name, value) in JsonNode.Parse(body)!.AsObject())
            Assert.Equal(value!.GetValue<string>(), record[name].Str());
        Assert.Equal([record.Id()], (await client.ListAsync(objectName)).Data.Select(r => r.Id()));
    }

    [Fact]
    public async Task Create_Account_StoresAddressesMoneyAndNumbers()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var account = await CreateAndReadBackAsync(client, "accounts", """
            {
              "name": "Globex Corporation",
              "domain": "globex.example",
              "industry": "Manufacturing",
              "website": "https://www.globex.example",
              "phone": "+1 555 0100 200",
              "billingAddress": { "street": "1 Globex Way", "city": "Springfield", "postalCode": "49007", "region": "OR", "country": "US" },
              "annualRevenue": 12500000.50,
              "currency": "usd",
              "employees": 420
            }
            """);

        Assert.Equal("Globex Corporation", account["name"].Str());
        Assert.Equal("Springfield", account["billingAddress"]!["city"].Str());
        Assert.Equal(12500000.50m, account["annualRevenue"]!.GetValue<decimal>());
        Assert.Equal("USD", account["currency"].Str());
        Assert.Equal(420, account["employees"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_Lead_DefaultsStatusToNew()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var lead = await CreateAndReadBackAsync(client, "leads", """
            { "firstName": "Grace", "lastName": "Hopper", "company": "Harvard Computation Lab", "source": "event",
              "emails": [{ "address": "grace.hopper@harvard-lab.example" }] }
            """);

        Assert.Equal("new", lead["status"].Str());
        Assert.Equal("event", lead["source"].Str());
        Assert.Equal("Harvard Computation Lab", lead["company"].Str());
        Assert.True(lead["emails"]![0]!["primary"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_Opportunity_TakesFirstStageItsProbabilityAndAmountFromLineItems()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var account = await client.CreateAsync("accounts", """{ "name": "Globex Corporation" }""");

        var opportunity = await CreateAndReadBackAsync(client, "opportunities", $$"""
            {
              "name": "Globex fleet renewal",
              "accountId": "{{account.Id()}}",
              "currency": "EUR",
              "closeDate": "2026-06-30",
              "lineItems": [
                { "description": "Fleet licences", "quantity": 10, "unitPrice": 1200 },
                { "description": "Onboarding", "quantity": 1, "unitPrice": 5000, "discount": 10 }
              ]
            }
            """);

        Assert.Equal("prospecting", opportunity["stage"].Str());
        Assert.Equal(10, opportunity["probability"]!.GetValue<long>());
        Assert.Equal(16500m, opportunity["amount"]!.GetValue<decimal>());
        Assert.Equal("EUR", opportunity["currency"].Str());
        Assert.Equal(account.Id(), opportunity["accountId"].Str());
        Assert.Equal(12000m, opportunity["lineItems"]![0]!["total"]!.GetValue<decimal>());
        Assert.Equal(4500m, opportunity["lineItems"]![1]!["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Create_OpportunityAtLaterStage_TakesThatStagesProbability()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var opportunity = await CreateAndReadBackAsync(client, "opportunities", """
            { "name": "Initech upgrade", "stage": "negotiation", "amount": 48000, "currency": "GBP" }
            """);

        Assert.Equal("negotiation", opportunity["stage"].Str());
        Assert.Equal(75, opportunity["probability"]!.GetValue<long>());
        Assert.Equal(48000m, opportunity["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Create_Activity_RelatedToAContact()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var contact = await client.CreateAsync("contacts", Ada);

        var activity = await CreateAndReadBackAsync(client, "activities", $$"""
            { "type": "call", "subject": "Discovery call", "dueAt": "2026-03-02T10:00:00Z",
              "relatedObject": "contacts", "relatedId": "{{contact.Id()}}" }
            """);

        Assert.Equal("call", activity["type"].Str());
        Assert.Equal("planned", activity["status"].Str());
        Assert.Equal("contacts", activity["relatedObject"].Str());
        Assert.Equal(contact.Id(), activity["relatedId"].Str());
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), UtcInstant(activity["dueAt"]));
    }

    [Fact]
    public async Task Create_Case_DefaultsStatusAndKeepsPriority()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var contact = await client.CreateAsync("contacts", Ada);

        var @case = await CreateAndReadBackAsync(client, "cases", $$"""
            { "subject": "Cannot export invoices", "contactId": "{{contact.Id()}}", "priority": "high", "channel": "email" }
            """);

        Assert.Equal("new", @case["status"].Str());
        Assert.Equal("high", @case["priority"].Str());
        Assert.Equal(contact.Id(), @case["contactId"].Str());
    }

    [Fact]
    public async Task Create_Campaign_DefaultsStatusToPlanned()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var campaign = await CreateAndReadBackAsync(client, "campaigns", """
            { "name": "Spring webinar series", "type": "webinar", "startDate": "2026-04-01", "endDate": "2026-04-30",
              "budget": 15000, "currency": "EUR" }
            """);

        Assert.Equal("planned", campaign["status"].Str());
        Assert.Equal("2026-04-01", campaign["startDate"].Str());
        Assert.Equal(15000m, campaign["budget"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Create_ProductWithUsedSku_Returns409AndKeepsOneProduct()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var product = await CreateAndReadBackAsync(client, "products", """
            { "name": "Rapport Cloud seat", "sku": "RC-SEAT-01", "price": 49.90, "currency": "EUR", "family": "Subscriptions" }
            """);
        Assert.True(product["active"]!.GetValue<bool>());
        Assert.Equal(49.90m, product["price"]!.GetValue<decimal>());

        using var response = await client.PostJsonAsync($"{V1}/products", """{ "name": "Rapport Cloud seat (copy)", "sku": "RC-SEAT-01" }""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("sku", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await client.CountAsync("products"));
    }

    [Fact]
    public async Task Create_Order_ComputesTotalFromLinesAndRefusesAUsedNumber()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var account = await client.CreateAsync("accounts", """{ "name": "Initech" }""");

        var order = await CreateAndReadBackAsync(client, "orders", $$"""
            {
              "number": "SO-2026-0001",
              "accountId": "{{account.Id()}}",
              "currency": "EUR",
              "orderedAt": "2026-02-14T09:30:00Z",
              "lines": [
                { "sku": "RC-SEAT-01", "description": "Rapport Cloud seat", "quantity": 3, "unitPrice": 49.90 },
                { "description": "Setup", "quantity": 1, "unitPrice": 250, "discount": 20 }
              ],
              "shippingAddress": { "street": "4120 Freidrich Lane", "city": "Austin", "postalCode": "78744", "country": "US" }
            }
            """);

        Assert.Equal(349.70m, order["total"]!.GetValue<decimal>());
        Assert.Equal("draft", order["status"].Str());
        Assert.Equal(149.70m, order["lines"]![0]!["total"]!.GetValue<decimal>());
        Assert.Equal(200m, order["lines"]![1]!["total"]!.GetValue<decimal>());

        using var duplicate = await client.PostJsonAsync($"{V1}/orders", """
            { "number": "SO-2026-0001", "currency": "EUR", "lines": [{ "description": "Setup", "quantity": 1, "unitPrice": 250 }] }
            """);

        var problem = await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict);
        Assert.Contains("number", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await client.CountAsync("orders"));
    }

    /// <summary>Creates a record, then reads it back: both must answer the same record, with ETag "1".</summary>
    private static async Task<JsonObject> CreateAndReadBackAsync(HttpClient client, string objectName, string json)
    {
        using var created = await client.PostJsonAsync($"{V1}/{objectName}", json);
        await created.ExpectStatusAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", created.ETag());
        var record = await created.JsonObjectAsync();
        Assert.Matches(UuidV7(), record.Id());
        Assert.EndsWith($"/api/v1/{objectName}/{record.Id()}", created.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        using var read = await client.GetAsync($"{V1}/{objectName}/{record.Id()}");
        await read.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.ETag());
        var body = await read.JsonObjectAsync();
        Assert.True(JsonNode.DeepEquals(record, body), $"GET {objectName}/{record.Id()} differs from the created record:\n{record}\n{body}");
        return body;
    }
}

public sealed class RecordsCrudTests_Sqlite : RecordsCrudTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class RecordsCrudTests_Postgres(PostgresFixture pg) : RecordsCrudTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
