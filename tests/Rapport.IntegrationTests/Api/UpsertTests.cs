using System.Net;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Infrastructure.RecordAssert;

namespace Rapport.IntegrationTests.Api;

/// <summary><c>PUT /api/v1/{object}/external/{system}/{externalId}</c>: upsert by an id in another system (contract §3).</summary>
public abstract class UpsertTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    [Fact]
    public async Task Upsert_OrderByErpNumber_Returns201ThenUpdatesTheSameRecordWith200()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var first = await client.PutJsonAsync($"{V1}/orders/external/erp/SO-1001", """
            {
              "number": "SO-1001",
              "status": "confirmed",
              "currency": "EUR",
              "orderedAt": "2026-01-12T08:15:00Z",
              "lines": [{ "sku": "RC-SEAT-01", "description": "Rapport Cloud seat", "quantity": 25, "unitPrice": 49.90 }]
            }
            """);

        await first.ExpectStatusAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", first.ETag());
        var created = await first.JsonObjectAsync();
        Assert.Matches(UuidV7(), created.Id());
        Assert.EndsWith($"/api/v1/orders/{created.Id()}", first.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("SO-1001", created["externalIds"]!["erp"].Str());
        Assert.Equal(1247.50m, created["total"]!.GetValue<decimal>());

        using var second = await client.PutJsonAsync($"{V1}/orders/external/erp/SO-1001", """
            {
              "number": "SO-1001",
              "status": "fulfilled",
              "currency": "EUR",
              "orderedAt": "2026-01-12T08:15:00Z",
              "lines": [{ "sku": "RC-SEAT-01", "description": "Rapport Cloud seat", "quantity": 30, "unitPrice": 49.90 }]
            }
            """);

        await second.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", second.ETag());
        var updated = await second.JsonObjectAsync();
        Assert.Equal(created.Id(), updated.Id());
        Assert.Equal("fulfilled", updated["status"].Str());
        Assert.Equal(1497m, updated["total"]!.GetValue<decimal>());
        Assert.Equal("SO-1001", updated["externalIds"]!["erp"].Str());
        Assert.Equal(2, updated["version"]!.GetValue<long>());
        var read = await client.ReadAsync("orders", created.Id());
        Assert.Equal("fulfilled", read["status"].Str());
        Assert.Equal(1, await client.CountAsync("orders"));
    }

    [Fact]
    public async Task Upsert_ContactByCrmId_Returns201ThenUpdatesTheSameRecordWith200()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var first = await client.PutJsonAsync($"{V1}/contacts/external/crm/CRM-00042", """
            { "firstName": "Linus", "lastName": "Torvalds", "title": "Engineer", "emails": [{ "address": "linus@kernel.example" }] }
            """);
        await first.ExpectStatusAsync(HttpStatusCode.Created);
        var created = await first.JsonObjectAsync();
        Assert.Equal("CRM-00042", created["externalIds"]!["crm"].Str());

        using var second = await client.PutJsonAsync($"{V1}/contacts/external/crm/CRM-00042", """
            { "firstName": "Linus", "lastName": "Torvalds", "title": "Fellow", "emails": [{ "address": "linus@kernel.example" }] }
            """);

        await second.ExpectStatusAsync(HttpStatusCode.OK);
        var updated = await second.JsonObjectAsync();
        Assert.Equal(created.Id(), updated.Id());
        Assert.Equal("Fellow", updated["title"].Str());
        Assert.Equal("CRM-00042", updated["externalIds"]!["crm"].Str());
        Assert.Equal("Fellow", (await client.ReadAsync("contacts", created.Id()))["title"].Str());
        Assert.Equal(1, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Upsert_SameBodyAgain_Returns200AndKeepsVersion()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        const string body = """
            { "name": "Initech", "domain": "initech.example", "billingAddress": { "city": "Austin", "country": "US" },
              "annualRevenue": 2400000, "currency": "USD" }
            """;
        using var first = await client.PutJsonAsync($"{V1}/accounts/external/erp/ACC-77", body);
        await first.ExpectStatusAsync(HttpStatusCode.Created);
        var created = await first.JsonObjectAsync();

        using var again = await client.PutJsonAsync($"{V1}/accounts/external/erp/ACC-77", body);

        await again.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", again.ETag());
        var unchanged = await again.JsonObjectAsync();
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
        Assert.Equal(created["updatedAt"].Str(), unchanged["updatedAt"].Str());
    }

    [Fact]
    public async Task Create_ExternalIdHeldByAnotherRecord_Returns409AndCreatesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        await client.CreateAsync("contacts", """{ "firstName": "Margaret", "lastName": "Hamilton", "externalIds": { "crm": "CRM-7" } }""");

        using var response = await client.PostJsonAsync($"{V1}/contacts", """
            { "firstName": "Maggie", "lastName": "Hamilton", "externalIds": { "crm": "CRM-7" } }
            """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "externalIds.crm");
        Assert.Equal(1, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Upsert_BodyClaimsExternalIdHeldByAnotherRecord_Returns409AndCreatesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        await client.CreateAsync("contacts", """{ "firstName": "Margaret", "lastName": "Hamilton", "externalIds": { "crm": "CRM-7" } }""");

        using var response = await client.PutJsonAsync($"{V1}/contacts/external/erp/C-2001", """
            { "firstName": "Maggie", "lastName": "Hamilton", "externalIds": { "crm": "CRM-7" } }
            """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "externalIds.crm");
        Assert.Equal(1, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Patch_ExternalIdHeldByAnotherRecord_Returns409AndChangesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        await client.CreateAsync("accounts", """{ "name": "Initech", "externalIds": { "erp": "ERP-100" } }""");
        var other = await client.CreateAsync("accounts", """{ "name": "Initrode", "externalIds": { "erp": "ERP-200" } }""");

        using var response = await client.PatchJsonAsync($"{V1}/accounts/{other.Id()}", """{ "externalIds": { "erp": "ERP-100" } }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "externalIds.erp");
        var read = await client.ReadAsync("accounts", other.Id());
        Assert.Equal("ERP-200", read["externalIds"]!["erp"].Str());
        Assert.Equal(1, read["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Upsert_AccountIdOfMissingAccount_Returns400NamingAccountId()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.PutJsonAsync($"{V1}/contacts/external/crm/CRM-404", $$"""
            { "firstName": "Dennis", "lastName": "Ritchie", "accountId": "{{Guid.CreateVersion7()}}" }
            """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "accountId");
        Assert.Equal(0, await client.CountAsync("contacts"));
    }
}

public sealed class UpsertTests_Sqlite : UpsertTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class UpsertTests_Postgres(PostgresFixture pg) : UpsertTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
