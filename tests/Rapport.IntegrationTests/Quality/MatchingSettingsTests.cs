using System.Net;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Quality;

/// <summary><c>GET/PUT /api/v1/metadata/matching/{object}</c>: duplicate detection configured per object.</summary>
public abstract class MatchingSettingsTests
{
    protected abstract Task<RapportApp?> StartAsync();

    [Fact]
    public async Task Put_KindsIgnoredFieldsAndBlocking_ShowInTheEffectiveFeatures()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        using (var field = await client.PostJsonAsync($"{V1}/metadata/fields/contacts", """{ "name": "vatId", "label": "VAT", "type": "text" }"""))
            await field.ExpectStatusAsync(HttpStatusCode.Created);

        using var put = await client.PutJsonAsync($"{V1}/metadata/matching/contacts", """
            { "threshold": 0.8, "fields": { "custom.vatId": "identifier", "address.region": "ignore", "title": "text" },
              "blocking": ["email", "phonetic(lastName) & initial(firstName)", "custom.vatId"] }
            """);
        await put.ExpectStatusAsync(HttpStatusCode.OK);
        var settings = await put.JsonObjectAsync();
        Assert.Equal("identifier", settings["effective"]!["custom.vatId"].Str());
        Assert.Equal("text", settings["effective"]!["title"].Str());
        Assert.Equal("name", settings["effective"]!["lastName"].Str());
        Assert.Null(settings["effective"]!["address.region"]);

        using var get = await client.GetAsync($"{V1}/metadata/matching/contacts");
        await get.ExpectStatusAsync(HttpStatusCode.OK);
        var read = await get.JsonObjectAsync();
        Assert.Equal(0.8, read["threshold"]!.GetValue<double>());
        Assert.Equal(3, read["blocking"]!.AsArray().Count);
    }

    [Fact]
    public async Task Put_BadSettings_AreRefusedNamingTheProblem()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        foreach (var (body, text) in new[]
                 {
                     ("""{ "fields": { "lastName": "fuzzy" } }""", "fields.lastName"),
                     ("""{ "fields": { "shoeSize": "number" } }""", "shoeSize"),
                     ("""{ "blocking": ["soundex(lastName)"] }""", "unknown transform"),
                     ("""{ "blocking": ["title"] }""", "title"),
                     ("""{ "threshold": 1.5 }""", "threshold"),
                     ("""{ "colour": "red" }""", "colour"),
                 })
        {
            using var put = await client.PutJsonAsync($"{V1}/metadata/matching/contacts", body);
            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            var problem = await put.Content.ReadAsStringAsync();
            Assert.Contains(text, problem);
            ProblemAssert.NoStackTrace(problem);
        }
    }
}

public sealed class MatchingSettingsTests_Sqlite : MatchingSettingsTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class MatchingSettingsTests_Postgres(PostgresFixture pg) : MatchingSettingsTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
