using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Quality;

/// <summary><c>POST /api/v1/duplicates/check</c>, the review list and dismissing a cluster (contract §6).</summary>
public abstract class DuplicateCheckTests
{
    protected abstract Task<RapportApp?> StartAsync();

    private static readonly string[] First = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karla", "Leon", "Mia", "Noah", "Olga", "Paul"];
    private static readonly string[] LastNames = ["Schmidt", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Braun", "Zimmermann", "Krüger", "Hartmann"];
    private static readonly string[] Streets = ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schulstraße", "Lindenallee", "Bergstraße", "Kirchplatz"];
    private static readonly string[] Cities = ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen", "Hannover"];

    /// <summary>
    /// Imports 300 people and, like any real CRM, some duplicates among them (every tenth person again, with
    /// a typo and half of them with another email), so the matcher has a population to learn from.
    /// </summary>
    private static async Task<HttpClient> SeedAsync(RapportApp app)
    {
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var csv = new StringBuilder("firstName,lastName,email,phone,address.street,address.city,address.postalCode,address.country,birthDate\n");
        for (var i = 0; i < 300; i++)
        {
            var (f, l) = (First[i % First.Length], Last(i));
            csv.Append($"{f},{l},{Email(i)},+4930{1000000 + i * 7919 % 8999999},")
               .Append($"{Streets[i % Streets.Length]} {i % 97 + 1},{Cities[i * 3 % Cities.Length]},{10000 + i * 37 % 89999},DE,{1950 + i % 50}-{i % 12 + 1:00}-{i % 28 + 1:00}\n");
        }
        for (var i = 0; i < 300; i += 10)
            csv.Append($"{First[i % First.Length]},{Last(i)}x,{(i % 20 == 0 ? Email(i) : $"other{i}@mail.example")},+4930{1000000 + i * 7919 % 8999999},")
               .Append($"{Streets[i % Streets.Length]} {i % 97 + 1},{Cities[i * 3 % Cities.Length]},{10000 + i * 37 % 89999},DE,\n");
        var job = await Jobs.ImportAsync(client, "contacts", "people.csv", csv.ToString());
        Assert.Equal(Seeded, Jobs.Count(job, "created"));
        return client;
    }

    private const int Seeded = 330;

    private static string Last(int i) => DuplicateCheckTests.LastNames[(i / First.Length + i) % LastNames.Length];

    private static string Email(int i) =>
        $"{First[i % First.Length].ToLowerInvariant()}.{Last(i).ToLowerInvariant()}{i}@mail{i % 9}.example";

    private static async Task<JsonArray> CheckAsync(HttpClient client, string records, string threshold = "null")
    {
        using var response = await client.PostJsonAsync($"{V1}/duplicates/check", $$"""{ "object": "contacts", "records": {{records}}, "threshold": {{threshold}} }""");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return (await response.JsonObjectAsync())["results"]!.AsArray();
    }

    [Fact]
    public async Task Check_IncomingRecords_FindTheirDuplicatesWithoutWriting()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAsync(app);
        var (people, _) = await client.ListAsync("contacts", $"email={Email(2)}");
        var clara = Assert.Single(people);

        var results = await CheckAsync(client, $$"""
            [
              { "firstName": "clara", "lastName": "{{Last(2).ToUpperInvariant()}}", "emails": [{ "address": "{{Email(2).ToUpperInvariant()}}" }], "address": { "city": "  {{clara["address"]!["city"].Str()!.ToUpperInvariant()}} " } },
              { "firstName": "Clara", "lastName": "{{Last(2)[..^1]}}", "phones": [{ "number": "{{clara["phones"]![0]!["number"].Str()}}" }], "birthDate": "{{clara["birthDate"].Str()}}" },
              { "firstName": "Zebulon", "lastName": "Quux", "emails": [{ "address": "zq@elsewhere.example" }] }
            ]
            """);

        Assert.Equal(3, results.Count);
        foreach (var i in new[] { 0, 1 })
        {
            Assert.True(results[i]!["duplicates"]!.AsArray().Count > 0, $"record {i}: no duplicates found in {results.ToJsonString()}");
            var best = results[i]!["duplicates"]![0]!;
            Assert.Equal(clara.Id(), best["id"].Str());
            Assert.InRange(best["score"]!.GetValue<double>(), 0.5, 1);
            Assert.NotEmpty(best["matchedFields"]!.AsArray());
        }
        Assert.Empty(results[2]!["duplicates"]!.AsArray());
        Assert.Equal(Seeded, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Check_RecordCreatedAfterTheIndex_IsFound()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAsync(app);
        await CheckAsync(client, """[{ "lastName": "Nobody" }]""");

        var late = await client.CreateAsync("contacts", """
            { "firstName": "Quentin", "lastName": "Blake", "emails": [{ "address": "quentin@blake.example" }], "phones": [{ "number": "+44 20 7946 0321" }] }
            """);
        var results = await CheckAsync(client, """[{ "firstName": "Quentin", "lastName": "Blake", "emails": [{ "address": "quentin@blake.example" }] }]""");
        Assert.Equal(late.Id(), results[0]!["duplicates"]![0]!["id"].Str());
    }

    [Fact]
    public async Task ScanAndReview_DuplicatesPlanted_AreListedThenDismissed()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAsync(app);
        var (people, _) = await client.ListAsync("contacts", $"email={Email(4)}");
        var emma = Assert.Single(people);
        var twin = await client.CreateAsync("contacts", $$"""
            { "firstName": "Emma", "lastName": "{{Last(4)[..^1]}}", "emails": [{ "address": "{{Email(4)}}" }], "birthDate": "{{emma["birthDate"].Str()}}",
              "address": { "street": "{{emma["address"]!["street"].Str()}}", "city": "{{emma["address"]!["city"].Str()}}" } }
            """);

        using var scan = await client.PostJsonAsync($"{V1}/duplicates/scan", """{ "object": "contacts", "threshold": 0.8 }""");
        await scan.ExpectStatusAsync(HttpStatusCode.Accepted);
        var job = await Jobs.WaitAsync(client, (await scan.JsonObjectAsync()).Id());
        Assert.Equal("completed", job["status"].Str());

        using var list = await client.GetAsync($"{V1}/duplicates?object=contacts");
        await list.ExpectStatusAsync(HttpStatusCode.OK);
        var clusters = (await list.JsonObjectAsync())["data"]!.AsArray();
        var cluster = Assert.Single(clusters, c => c!["members"]!.AsArray().Any(m => m!["id"].Str() == twin.Id()))!;
        Assert.Equal(new[] { emma.Id(), twin.Id() }.Order(), cluster["members"]!.AsArray().Select(m => m!["id"].Str()!).Order());
        Assert.Contains("email", cluster["matchedFields"]!.AsArray().Select(f => f.Str()));
        Assert.Equal("open", cluster["status"].Str());

        using (var dismiss = await client.PostAsync($"{V1}/duplicates/{cluster["id"].Str()}/dismiss", null))
            await dismiss.ExpectStatusAsync(HttpStatusCode.NoContent);
        using var after = await client.GetAsync($"{V1}/duplicates?object=contacts");
        Assert.DoesNotContain((await after.JsonObjectAsync())["data"]!.AsArray(), c => c!["id"].Str() == cluster["id"].Str());

        // After a scan the check index is built ahead (in the background); a check finds the twin either way.
        var check = await CheckAsync(client, $$"""[{ "firstName": "Emma", "lastName": "{{Last(4)}}", "emails": [{ "address": "{{Email(4)}}" }] }]""");
        Assert.Contains(check[0]!["duplicates"]!.AsArray(), d => d!["id"].Str() == emma.Id());

        // A rescan finding the same records keeps the reviewer's decision.
        using var rescan = await client.PostJsonAsync($"{V1}/duplicates/scan", """{ "object": "contacts", "threshold": 0.8 }""");
        await Jobs.WaitAsync(client, (await rescan.JsonObjectAsync()).Id());
        using var dismissed = await client.GetAsync($"{V1}/duplicates?object=contacts&status=dismissed");
        Assert.Contains((await dismissed.JsonObjectAsync())["data"]!.AsArray(), c => c!["members"]!.AsArray().Any(m => m!["id"].Str() == twin.Id()));
    }

    [Fact]
    public async Task Check_BadRequests_AreRefused()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var tooMany = "[" + string.Join(",", Enumerable.Repeat("""{ "lastName": "X" }""", 1001)) + "]";
        foreach (var body in new[] { """{ "records": [] }""", """{ "object": "widgets", "records": [] }""", """{ "object": "contacts" }""",
                     """{ "object": "contacts", "records": [1] }""", $$"""{ "object": "contacts", "records": {{tooMany}} }""", """{ "object": "contacts", "records": [], "threshold": 2 }""" })
        {
            using var response = await client.PostJsonAsync($"{V1}/duplicates/check", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            ProblemAssert.NoStackTrace(await response.Content.ReadAsStringAsync());
        }
        using var list = await client.GetAsync($"{V1}/duplicates");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }
}

public sealed class DuplicateCheckTests_Sqlite : DuplicateCheckTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class DuplicateCheckTests_Postgres(PostgresFixture pg) : DuplicateCheckTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
