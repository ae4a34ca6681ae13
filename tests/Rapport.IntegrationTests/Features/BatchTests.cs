using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Infrastructure.RecordAssert;

namespace Rapport.IntegrationTests.Features;

/// <summary><c>POST /api/v1/batch</c> (contract §3): up to 1000 record operations, one by one or all or nothing.</summary>
public abstract class BatchTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private const string Batch = $"{V1}/batch";

    /// <summary>Posts a batch, expects 200 and returns the results with the whole body.</summary>
    private static async Task<(JsonArray Results, JsonObject Body)> RunAsync(HttpClient client, string json)
    {
        using var response = await client.PostJsonAsync(Batch, json);
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonObjectAsync();
        return (body["results"]!.AsArray(), body);
    }

    private static int Status(JsonNode? result) => result!["status"]!.GetValue<int>();

    /// <summary>Asserts that a batch entry is an RFC 9457 problem with the status and, when given, an error for the field.</summary>
    private static JsonObject ProblemEntry(JsonNode? result, int status, string? field = null)
    {
        Assert.Equal(status, Status(result));
        var problem = result!["body"]!.AsObject();
        ProblemAssert.NoStackTrace(problem.ToJsonString());
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        foreach (var member in new[] { "type", "title", "detail" })
            Assert.False(string.IsNullOrWhiteSpace(problem[member].Str()), $"problem member '{member}' is missing: {problem.ToJsonString()}");
        if (field is not null)
            Assert.True(problem["errors"]?[field] is JsonArray { Count: > 0 }, $"problem does not name '{field}': {problem.ToJsonString()}");
        return problem;
    }

    [Fact]
    public async Task Batch_NonAtomicMixedOperations_ReturnsEachOperationsOwnStatus()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var ada = await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace", "title": "Analyst" }""");

        var (results, _) = await RunAsync(client, $$"""
            {
              "atomic": false,
              "operations": [
                { "method": "POST", "path": "/api/v1/contacts", "body": { "firstName": "Grace", "lastName": "Hopper", "emails": [{ "address": "grace@navy.example" }] } },
                { "method": "POST", "path": "/api/v1/contacts", "body": { "firstName": "Nameless", "emails": [{ "address": "no-last-name@example.com" }] } },
                { "method": "PATCH", "path": "/api/v1/contacts/{{ada.Id()}}", "body": { "title": "Countess of Lovelace" } },
                { "method": "GET", "path": "/api/v1/contacts/{{ada.Id()}}" }
              ]
            }
            """);

        Assert.Equal(4, results.Count);
        Assert.Equal(201, Status(results[0]));
        var grace = results[0]!["body"]!.AsObject();
        Assert.Matches(UuidV7(), grace.Id());
        Assert.Equal("Hopper", grace["lastName"].Str());
        ProblemEntry(results[1], 400, "lastName");
        Assert.Equal(200, Status(results[2]));
        Assert.Equal("Countess of Lovelace", results[2]!["body"]!["title"].Str());
        Assert.Equal(2, results[2]!["body"]!["version"]!.GetValue<long>());
        Assert.Equal(200, Status(results[3]));
        Assert.Equal(ada.Id(), results[3]!["body"]!.Id());
        Assert.Equal("Countess of Lovelace", results[3]!["body"]!["title"].Str());

        Assert.Equal(2, await client.CountAsync("contacts"));
        Assert.Equal("Hopper", (await client.ReadAsync("contacts", grace.Id()))["lastName"].Str());
        Assert.Equal("Countess of Lovelace", (await client.ReadAsync("contacts", ada.Id()))["title"].Str());
    }

    [Fact]
    public async Task Batch_AtomicWithLastOperationFailing_Returns424ForTheOthersAndWritesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var initech = await client.CreateAsync("accounts", """{ "name": "Initech", "industry": "Software" }""");
        var accountsBefore = await client.CountAsync("accounts");
        var contactsBefore = await client.CountAsync("contacts");

        var (results, body) = await RunAsync(client, $$"""
            {
              "atomic": true,
              "operations": [
                { "method": "POST", "path": "/api/v1/accounts", "body": { "name": "Initrode", "domain": "initrode.example" } },
                { "method": "PATCH", "path": "/api/v1/accounts/{{initech.Id()}}", "body": { "industry": "Consulting" } },
                { "method": "POST", "path": "/api/v1/contacts", "body": { "firstName": "Peter", "emails": [{ "address": "peter@initech.example" }] } }
              ]
            }
            """);

        Assert.Equal(3, results.Count);
        ProblemEntry(results[0], 424);
        ProblemEntry(results[1], 424);
        ProblemEntry(results[2], 400, "lastName");
        Assert.False(body["committed"]!.GetValue<bool>());
        Assert.Equal(accountsBefore, await client.CountAsync("accounts"));
        Assert.Equal(contactsBefore, await client.CountAsync("contacts"));
        var (initrode, _) = await client.ListAsync("accounts", "name=Initrode");
        Assert.Empty(initrode);
        var unchanged = await client.ReadAsync("accounts", initech.Id());
        Assert.Equal("Software", unchanged["industry"].Str());
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Batch_AtomicAllSucceeding_Returns201ForEachAndCommits()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var (results, body) = await RunAsync(client, """
            {
              "atomic": true,
              "operations": [
                { "method": "POST", "path": "/api/v1/accounts", "body": { "name": "Globex", "domain": "globex.example" } },
                { "method": "POST", "path": "/api/v1/contacts", "body": { "firstName": "Hank", "lastName": "Scorpio" } },
                { "method": "POST", "path": "/api/v1/products", "body": { "name": "Doomsday device", "sku": "GX-DOOM-1", "price": 1000000, "currency": "USD" } }
              ]
            }
            """);

        Assert.True(body["committed"]!.GetValue<bool>());
        Assert.All(results, r => Assert.Equal(201, Status(r)));
        Assert.Equal("Globex", (await client.ReadAsync("accounts", results[0]!["body"]!.Id()))["name"].Str());
        Assert.Equal("Scorpio", (await client.ReadAsync("contacts", results[1]!["body"]!.Id()))["lastName"].Str());
        Assert.Equal("GX-DOOM-1", (await client.ReadAsync("products", results[2]!["body"]!.Id()))["sku"].Str());
    }

    private static string ManyGets(int count, string path)
    {
        var sb = new StringBuilder("""{ "atomic": false, "operations": [""");
        for (var i = 0; i < count; i++)
            sb.Append(i == 0 ? "" : ",").Append($$"""{ "method": "GET", "path": "{{path}}" }""");
        return sb.Append("]}").ToString();
    }

    [Fact]
    public async Task Batch_1001Operations_Returns400NamingOperations()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var ada = await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");

        using var tooMany = await client.PostJsonAsync(Batch, ManyGets(1001, $"/api/v1/contacts/{ada.Id()}"));

        await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.BadRequest, "operations");
        var (results, _) = await RunAsync(client, ManyGets(1000, $"/api/v1/contacts/{ada.Id()}"));
        Assert.Equal(1000, results.Count);
        Assert.All(results, r => Assert.Equal(200, Status(r)));
    }

    [Fact]
    public async Task Batch_PathsWithOrWithoutPrefixAndWithQueryStrings_AreAllRecordCalls()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var initech = await client.CreateAsync("accounts", """{ "name": "Initech" }""");
        await client.CreateAsync("accounts", """{ "name": "Globex" }""");
        await client.CreateAsync("accounts", """{ "name": "Acme Corporation" }""");

        var (results, _) = await RunAsync(client, $$"""
            {
              "operations": [
                { "method": "GET", "path": "/api/v1/accounts?sort=name&limit=2" },
                { "method": "GET", "path": "accounts?name=Initech" },
                { "method": "GET", "path": "/accounts/{{initech.Id()}}" },
                { "method": "POST", "path": "contacts", "body": { "firstName": "Peter", "lastName": "Gibbons", "accountId": "{{initech.Id()}}" } },
                { "method": "GET", "path": "/api/v1/accounts?sort=nope" }
              ]
            }
            """);

        Assert.Equal(200, Status(results[0]));
        var page = results[0]!["body"]!;
        Assert.Equal(new[] { "Acme Corporation", "Globex" }, page["data"]!.AsArray().Select(r => r!["name"].Str()));
        Assert.False(string.IsNullOrEmpty(page["nextCursor"].Str()));
        Assert.Equal(200, Status(results[1]));
        Assert.Equal(initech.Id(), Assert.Single(results[1]!["body"]!["data"]!.AsArray())!.Id());
        Assert.Equal(200, Status(results[2]));
        Assert.Equal("Initech", results[2]!["body"]!["name"].Str());
        Assert.Equal(201, Status(results[3]));
        Assert.Equal(initech.Id(), results[3]!["body"]!["accountId"].Str());
        ProblemEntry(results[4], 400, "sort");

        var cursor = page["nextCursor"].Str()!;
        var (rest, _) = await RunAsync(client, $$"""
            { "operations": [{ "method": "GET", "path": "/api/v1/accounts?sort=name&limit=2&cursor={{Uri.EscapeDataString(cursor)}}" }] }
            """);
        Assert.Equal("Initech", Assert.Single(rest[0]!["body"]!["data"]!.AsArray())!["name"].Str());
        Assert.Null(rest[0]!["body"]!["nextCursor"]);
    }

    [Fact]
    public async Task Batch_UpsertByExternalId_CreatesThenUpdatesTheSameOrder()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var (results, body) = await RunAsync(client, """
            {
              "atomic": true,
              "operations": [
                { "method": "PUT", "path": "/api/v1/orders/external/erp/SO-2001",
                  "body": { "number": "SO-2001", "status": "confirmed", "currency": "EUR",
                            "lines": [{ "sku": "RC-SEAT-01", "description": "Rapport Cloud seat", "quantity": 10, "unitPrice": 49.90 }] } },
                { "method": "PUT", "path": "/orders/external/erp/SO-2001",
                  "body": { "number": "SO-2001", "status": "fulfilled", "currency": "EUR",
                            "lines": [{ "sku": "RC-SEAT-01", "description": "Rapport Cloud seat", "quantity": 12, "unitPrice": 49.90 }] } }
              ]
            }
            """);

        Assert.True(body["committed"]!.GetValue<bool>());
        Assert.Equal(201, Status(results[0]));
        Assert.Equal(200, Status(results[1]));
        var created = results[0]!["body"]!;
        var updated = results[1]!["body"]!;
        Assert.Equal(created.Id(), updated.Id());
        Assert.Equal("SO-2001", created["externalIds"]!["erp"].Str());
        Assert.Equal(499m, created["total"]!.GetValue<decimal>());
        Assert.Equal(598.8m, updated["total"]!.GetValue<decimal>());
        Assert.Equal(2, updated["version"]!.GetValue<long>());
        var read = await client.ReadAsync("orders", created.Id());
        Assert.Equal("fulfilled", read["status"].Str());
        Assert.Equal(1, await client.CountAsync("orders"));
    }

    [Fact]
    public async Task Batch_ReadOnlyTokenWriteOperation_Returns403ForThatOperationOnly()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var writer = await app.ClientAsync();
        var ada = await writer.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        var reader = await app.ClientAsync("crm.read");

        var (results, _) = await RunAsync(reader, $$"""
            {
              "operations": [
                { "method": "GET", "path": "/api/v1/contacts/{{ada.Id()}}" },
                { "method": "POST", "path": "/api/v1/contacts", "body": { "firstName": "Grace", "lastName": "Hopper" } },
                { "method": "PATCH", "path": "/api/v1/contacts/{{ada.Id()}}", "body": { "title": "Analyst" } },
                { "method": "DELETE", "path": "/api/v1/contacts/{{ada.Id()}}" }
              ]
            }
            """);

        Assert.Equal(200, Status(results[0]));
        ProblemEntry(results[1], 403);
        ProblemEntry(results[2], 403);
        ProblemEntry(results[3], 403);
        Assert.Equal(1, await writer.CountAsync("contacts"));
        var read = await writer.ReadAsync("contacts", ada.Id());
        Assert.Null(read["title"]);
        Assert.Equal(1, read["version"]!.GetValue<long>());
    }
}

public sealed class BatchTests_Sqlite : BatchTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class BatchTests_Postgres(PostgresFixture pg) : BatchTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
