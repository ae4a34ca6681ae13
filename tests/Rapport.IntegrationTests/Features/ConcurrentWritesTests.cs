using System.Net;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Features;

/// <summary>
/// Many writers at once. On SQLite concurrent writes share one commit (group commit, one savepoint
/// each); on PostgreSQL they run side by side. Either way a failing write must leave nothing behind
/// and must not take the others down with it.
/// </summary>
public abstract class ConcurrentWritesTests
{
    protected abstract Task<RapportApp?> StartAsync();

    [Fact]
    public async Task Create_ConcurrentWithSomeFailingAfterTheirInsert_OnlyTheFailedOnesAreMissing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        await client.CreateAsync("contacts", """{ "lastName": "Holder", "externalIds": { "erp": "K-1" } }""");

        // A duplicate external id is only detected after the contact row is inserted, so each failing
        // request must roll back its own insert while the good ones in the same group commit.
        var requests = Enumerable.Range(0, 40).Select(i => i % 4 == 0
            ? client.PostJsonAsync($"{V1}/contacts", $$"""{ "lastName": "Clash{{i}}", "externalIds": { "erp": "K-1" } }""")
            : client.PostJsonAsync($"{V1}/contacts", $$"""{ "lastName": "Good{{i}}", "emails": [{ "address": "good{{i}}@example.com" }] }"""));
        var responses = await Task.WhenAll(requests);

        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(31, await client.CountAsync("contacts"));
        var (clashes, _) = await client.ListAsync("contacts", "lastName[startsWith]=Clash");
        Assert.Empty(clashes);
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task Patch_ConcurrentOnOneRecordWithoutIfMatch_AppliesEveryChange()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        var field = await (await client.PostJsonAsync($"{V1}/metadata/fields/accounts", """{ "name": "note1", "type": "text" }""")).JsonObjectAsync();
        Assert.Equal("note1", field["name"]!.GetValue<string>());
        for (var i = 2; i <= 10; i++)
            (await client.PostJsonAsync($"{V1}/metadata/fields/accounts", $$"""{ "name": "note{{i}}", "type": "text" }""")).Dispose();
        var account = await client.CreateAsync("accounts", """{ "name": "Busy Ltd" }""");

        var patches = Enumerable.Range(1, 10).Select(i =>
            client.PatchJsonAsync($"{V1}/accounts/{account.Id()}", $$"""{ "custom": { "note{{i}}": "n{{i}}" } }"""));
        var responses = await Task.WhenAll(patches);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await client.ReadAsync("accounts", account.Id());
        for (var i = 1; i <= 10; i++) Assert.Equal($"n{i}", stored["custom"]![$"note{i}"]!.GetValue<string>());
        Assert.Equal(11, stored["version"]!.GetValue<long>());
        foreach (var r in responses) r.Dispose();
    }
}

public sealed class ConcurrentWritesTests_Sqlite : ConcurrentWritesTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ConcurrentWritesTests_Postgres(PostgresFixture pg) : ConcurrentWritesTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
