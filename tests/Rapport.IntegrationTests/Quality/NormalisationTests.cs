using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Quality;

/// <summary>Normalisation on every write path, configurable per object and field, visible in the record's audit.</summary>
public abstract class NormalisationTests
{
    protected abstract Task<RapportApp?> StartAsync();

    private static async Task<JsonArray> AuditAsync(HttpClient client, string objectName, string id)
    {
        using var response = await client.GetAsync($"{V1}/{objectName}/{id}/audit");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return (await response.JsonObjectAsync())["data"]!.AsArray();
    }

    [Fact]
    public async Task Create_MessyValues_AreNormalisedAndAudited()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var contact = await client.CreateAsync("contacts", """
            { "firstName": "  mary   ann ", "lastName": "MCDONALD", "emails": [{ "address": " Mary@Example.COM " }],
              "phones": [{ "number": "020 7946 0958" }], "address": { "city": "  London ", "postalCode": "sw1a1aa", "country": "United Kingdom" } }
            """);

        Assert.Equal("Mary Ann", contact["firstName"].Str());
        Assert.Equal("McDonald", contact["lastName"].Str());
        Assert.Equal("Mary@example.com", contact["emails"]![0]!["address"].Str());
        Assert.Equal("+442079460958", contact["phones"]![0]!["number"].Str());
        Assert.Equal("GB", contact["address"]!["country"].Str());
        Assert.Equal("SW1A 1AA", contact["address"]!["postalCode"].Str());
        Assert.Equal("London", contact["address"]!["city"].Str());

        var audit = await AuditAsync(client, "contacts", contact.Id());
        var entry = Assert.Single(audit);
        Assert.Equal("normalised", entry!["action"].Str());
        var changes = entry["details"]!["changes"]!.AsArray();
        var phone = changes.Single(c => c!["field"].Str() == "phones[0].number")!;
        Assert.Equal("020 7946 0958", phone["from"].Str());
        Assert.Equal("+442079460958", phone["to"].Str());
        Assert.Equal("phone", phone["rule"].Str());
    }

    [Fact]
    public async Task Settings_DefaultRegionAndOverrides_ApplyToPatchesAndImports()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin", "crm.bulk");

        using (var put = await client.PutJsonAsync($"{V1}/metadata/normalisation/contacts", """{ "defaultRegion": "Germany", "rules": { "lastName": "none" } }"""))
        {
            await put.ExpectStatusAsync(HttpStatusCode.OK);
            var settings = await put.JsonObjectAsync();
            Assert.Equal("DE", settings["defaultRegion"].Str());
            Assert.Equal("none", settings["effective"]!["lastName"].Str());
            Assert.Equal("phone", settings["effective"]!["phones.number"].Str());
        }

        var contact = await client.CreateAsync("contacts", """{ "firstName": "KLAUS", "lastName": "VON TRAPP" }""");
        Assert.Equal("Klaus", contact["firstName"].Str());
        Assert.Equal("VON TRAPP", contact["lastName"].Str());
        using (var patch = await client.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", """{ "phones": [{ "number": "030 1234567" }] }"""))
        {
            await patch.ExpectStatusAsync(HttpStatusCode.OK);
            Assert.Equal("+49301234567", (await patch.JsonObjectAsync())["phones"]![0]!["number"].Str());
        }
        Assert.Equal(2, (await AuditAsync(client, "contacts", contact.Id())).Count);

        var job = await Jobs.ImportAsync(client, "contacts", "contacts.csv", "firstName,lastName,phone,email\nanna,schmidt,089 123456,Anna@Example.DE\n");
        Assert.Equal(1, Jobs.Count(job, "created"));
        var (data, _) = await client.ListAsync("contacts", "lastName=schmidt");
        var imported = Assert.Single(data);
        Assert.Equal("Anna", imported["firstName"].Str());
        Assert.Equal("+4989123456", imported["phones"]![0]!["number"].Str());
        Assert.Equal("Anna@example.de", imported["emails"]![0]!["address"].Str());
        Assert.Single(await AuditAsync(client, "contacts", imported.Id()));

        // The same person again, matched by email: the update normalises a new phone and leaves its own audit entry.
        var update = await Jobs.ImportAsync(client, "contacts", "contacts.csv", "firstName,lastName,phone,email\nAnna,schmidt,089 654321,anna@example.de\n",
            new Dictionary<string, string> { ["matchOn"] = "email", ["onDuplicate"] = "update" });
        Assert.Equal(1, Jobs.Count(update, "updated"));
        var audit = await AuditAsync(client, "contacts", imported.Id());
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit[0]!["details"]!["changes"]!.AsArray(), c => c!["to"].Str() == "+4989654321");
    }

    [Fact]
    public async Task Settings_BadValues_AreRefused()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        foreach (var body in new[] { """{ "defaultRegion": "Atlantis" }""", """{ "rules": { "lastName": "shout" } }""", """{ "rules": { "nope": "whitespace" } }""", """{ "colour": 1 }""" })
        {
            using var put = await client.PutJsonAsync($"{V1}/metadata/normalisation/contacts", body);
            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        }
        var writer = await app.ClientAsync("crm.read", "crm.write");
        using var forbidden = await writer.PutJsonAsync($"{V1}/metadata/normalisation/contacts", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

public sealed class NormalisationTests_Sqlite : NormalisationTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class NormalisationTests_Postgres(PostgresFixture pg) : NormalisationTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
