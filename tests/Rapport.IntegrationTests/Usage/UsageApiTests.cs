using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Usage;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Usage.UsageKit;

namespace Rapport.IntegrationTests.Usage;

/// <summary><c>GET /api/v1/usage</c>: calls, errors and latency per day, client and operation; own usage for every client, all of it for admins.</summary>
public abstract class UsageApiTests
{
    private const string GetContact = "GET /api/v1/contacts/{id}";

    protected abstract Task<RapportApp?> StartAsync();

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ReadContactsAsync(HttpClient http, string id, int found, int missing)
    {
        for (var i = 0; i < found; i++)
            using (var read = await http.GetAsync($"{V1}/contacts/{id}"))
                await read.ExpectStatusAsync(HttpStatusCode.OK);
        for (var i = 0; i < missing; i++)
            using (var read = await http.GetAsync($"{V1}/contacts/{Guid.CreateVersion7()}"))
                await read.ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetUsage_CallsMadeAMomentAgo_AreCountedWithErrorsAndPercentiles()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (http, clientId) = await ClientAsync(app, "crm.read", "crm.write");
        var contact = await http.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        await ReadContactsAsync(http, contact.Id(), found: 3, missing: 1);

        var rows = await UsageAsync(http);

        var reads = Row(rows, clientId, GetContact)!;
        Assert.Equal(Today, reads["day"].Str());
        Assert.Equal("rest", reads["protocol"].Str());
        Assert.Equal(4, reads["calls"]!.GetValue<long>());
        Assert.Equal(1, reads["errors"]!.GetValue<long>());
        Assert.Equal(0, reads["serverErrors"]!.GetValue<long>());
        var p50 = reads["p50Ms"]!.GetValue<double>();
        var p99 = reads["p99Ms"]!.GetValue<double>();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= 10_000, $"p50 {p50} ms, p99 {p99} ms");
        Assert.Equal(1, Calls(Row(rows, clientId, "POST /api/v1/contacts")));
        Assert.All(rows, r => Assert.Equal(clientId, r["clientId"].Str()));
    }

    [Fact]
    public async Task GetUsage_ClientsAndAdmins_SeeOwnOrAllUsage()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (alice, aliceId) = await ClientAsync(app, "crm.read");
        var (bob, bobId) = await ClientAsync(app, "crm.read");
        var (admin, _) = await ClientAsync(app, "crm.admin");
        await ReadContactsAsync(alice, "", found: 0, missing: 2);
        await ReadContactsAsync(bob, "", found: 0, missing: 1);

        Assert.Equal(2, Calls(Row(await UsageAsync(alice, $"clientId={aliceId}"), aliceId, GetContact)));
        using (var other = await alice.GetAsync($"{V1}/usage?clientId={bobId}"))
            await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        var all = await UsageAsync(admin);
        Assert.Equal(2, Calls(Row(all, aliceId, GetContact)));
        Assert.Equal(1, Calls(Row(all, bobId, GetContact)));
        var onlyBob = await UsageAsync(admin, $"clientId={bobId}&operation={Uri.EscapeDataString(GetContact)}");
        Assert.Equal(1, Calls(Assert.Single(onlyBob)));
    }

    [Fact]
    public async Task GetUsage_WithoutToken_Is401()
    {
        await using var app = await StartAsync();
        if (app is null) return;

        using var response = await app.Anonymous.GetAsync($"{V1}/usage");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-20&to=2026-11-10", "from")]
    [InlineData("from=2024-01-01&to=2026-01-01", "from")]
    [InlineData("client=me", "client")]
    public async Task GetUsage_BadParameters_AreProblems(string query, string field)
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (http, _) = await ClientAsync(app, "crm.read");

        using var response = await http.GetAsync($"{V1}/usage?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task GetUsage_AsXml_AnswersXml()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (http, _) = await ClientAsync(app, "crm.read");
        await ReadContactsAsync(http, "", found: 0, missing: 1);

        using var response = await http.GetAsync($"{V1}/usage", "application/xml");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(GetContact, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlushAsync_CountsOfTwoServers_AddUpInTheDatabaseWithoutDoubleCounting()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (http, clientId) = await ClientAsync(app, "crm.read");
        await ReadContactsAsync(http, "", found: 0, missing: 3);

        Assert.True(await app.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None) > 0);
        Assert.Equal(3, Calls(Row(await UsageAsync(http), clientId, GetContact)));
        await using (var peer = await app.StartPeerAsync())
        {
            var onPeer = peer.NewHttpClient();
            onPeer.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
            Assert.Equal(3, Calls(Row(await UsageAsync(onPeer), clientId, GetContact)));
            await ReadContactsAsync(onPeer, "", found: 0, missing: 2);
        }

        // The peer added its 2 calls when it stopped; this server has 3 stored and 0 pending of its own.
        Assert.Equal(5, Calls(Row(await UsageAsync(http), clientId, GetContact)));
        await ReadContactsAsync(http, "", found: 0, missing: 1);
        Assert.Equal(6, Calls(Row(await UsageAsync(http), clientId, GetContact)));
    }
}

public sealed class UsageApiTests_Sqlite : UsageApiTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class UsageApiTests_Postgres(PostgresFixture pg) : UsageApiTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
