using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Api;

/// <summary><c>Idempotency-Key</c> on creates (contract §3): a retried request never creates a second record.</summary>
public abstract class IdempotencyTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private const string Katherine = """
        { "firstName": "Katherine", "lastName": "Johnson", "title": "Research Mathematician",
          "emails": [{ "address": "k.johnson@langley.example", "type": "work" }] }
        """;

    [Fact]
    public async Task Create_SameKeyAndBodyTwice_ReturnsTheFirstResponseAndCreatesOneRecord()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        const string key = "0b6f1d2e-6a41-4c55-9f0e-3d1c2b7a9e10";

        using var first = await client.PostJsonAsync($"{V1}/contacts", Katherine, key);
        using var retry = await client.PostJsonAsync($"{V1}/contacts", Katherine, key);

        await first.ExpectStatusAsync(HttpStatusCode.Created);
        await retry.ExpectStatusAsync(HttpStatusCode.Created);
        var firstBody = await first.JsonObjectAsync();
        var retryBody = await retry.JsonObjectAsync();
        Assert.Equal(firstBody.Id(), retryBody.Id());
        Assert.True(JsonNode.DeepEquals(firstBody, retryBody), $"the retry answers the first body:\n{firstBody}\n{retryBody}");
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.ETag(), retry.ETag());
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Create_SameKeyOtherBody_Returns422AndCreatesNothingMore()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        const string key = "order-import-2026-02-14-line-17";
        using (var first = await client.PostJsonAsync($"{V1}/contacts", Katherine, key))
            await first.ExpectStatusAsync(HttpStatusCode.Created);

        using var other = await client.PostJsonAsync($"{V1}/contacts", """{ "firstName": "Dorothy", "lastName": "Vaughan" }""", key);

        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity);
        var contacts = (await client.ListAsync("contacts")).Data;
        Assert.Equal("Johnson", Assert.Single(contacts)["lastName"].Str());
    }

    [Fact]
    public async Task Create_DifferentKeys_CreatesOneRecordEach()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var first = await client.PostJsonAsync($"{V1}/contacts", Katherine, "key-a");
        using var second = await client.PostJsonAsync($"{V1}/contacts", Katherine, "key-b");

        await first.ExpectStatusAsync(HttpStatusCode.Created);
        await second.ExpectStatusAsync(HttpStatusCode.Created);
        Assert.NotEqual((await first.JsonAsync()).Id(), (await second.JsonAsync()).Id());
        Assert.Equal(2, await client.CountAsync("contacts"));
    }
}

public sealed class IdempotencyTests_Sqlite : IdempotencyTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyTests_Postgres(PostgresFixture pg) : IdempotencyTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
