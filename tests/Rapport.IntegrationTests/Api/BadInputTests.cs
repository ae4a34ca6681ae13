using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Api;

/// <summary>
/// Bad requests get a 4xx problem naming what is wrong (contract §3), never a 500 or a stack trace,
/// and never leave anything behind: the record count is the same before and after.
/// </summary>
public abstract class BadInputTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    [Fact]
    public async Task Create_MalformedJson_Returns400ProblemNamingTheBody()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/contacts", """{ "firstName": "Ada", "lastName": "Lovelace", """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "body");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_UnknownField_Returns400NamingIt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/contacts", """{ "lastName": "Lovelace", "shoeSize": 38 }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "shoeSize");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_WrongType_Returns400NamingTheField()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/accounts", """{ "name": "Initech", "employees": "about forty" }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "employees");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_StringTooLong_Returns400NamingTheField()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/contacts", $$"""{ "lastName": "{{new string('x', 101)}}" }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "lastName");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_InvalidEmail_Returns400NamingTheAddress()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/contacts", """
            { "lastName": "Lovelace", "emails": [{ "address": "ada(at)analytical-engines.example" }] }
            """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "emails[0].address");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_InvalidCurrency_Returns400NamingCurrency()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/accounts", """{ "name": "Initech", "annualRevenue": 5000000, "currency": "EURO" }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "currency");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_InvalidCountry_Returns400NamingBillingAddressCountry()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/accounts", """
            { "name": "Initech", "billingAddress": { "city": "Berlin", "country": "Atlantis" } }
            """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "billingAddress.country");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Patch_InvalidValue_Returns400AndLeavesTheRecordUnchanged()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);
        var account = (await client.ListAsync("accounts")).Data.Single();

        using var response = await client.PatchJsonAsync($"{V1}/accounts/{account.Id()}", """
            { "name": "Initech GmbH", "billingAddress": { "country": "XX" } }
            """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "billingAddress.country");
        Assert.True(JsonNode.DeepEquals(account, await client.ReadAsync("accounts", account.Id())), "the record is unchanged");
    }

    [Fact]
    public async Task Create_UnsupportedContentType_Returns415()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostAsync($"{V1}/contacts", Content("lastName=Lovelace", "text/plain"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Get_AcceptImagePng_Returns406()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);
        var contact = (await client.ListAsync("contacts")).Data.Single();

        using var one = await client.GetAsync($"{V1}/contacts/{contact.Id()}", "image/png");
        using var list = await client.GetAsync($"{V1}/contacts", "image/png");

        await ProblemAssert.IsProblemAsync(one, HttpStatusCode.NotAcceptable);
        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Create_AcceptImagePng_Returns406AndCreatesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{V1}/contacts") { Content = Content("""{ "firstName": "Grace", "lastName": "Hopper" }""") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotAcceptable);
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Patch_AcceptImagePng_Returns406AndChangesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);
        var contact = (await client.ListAsync("contacts")).Data.Single();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{V1}/contacts/{contact.Id()}") { Content = Content("""{ "title": "Countess" }""") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotAcceptable);
        Assert.True(JsonNode.DeepEquals(contact, await client.ReadAsync("contacts", contact.Id())), "the record is unchanged");
    }

    [Fact]
    public async Task Create_XmlWithExternalEntity_Returns400WithoutReadingIt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);
        const string xxe = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE contact [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <contact><firstName>Eve</firstName><lastName>&secret;</lastName></contact>
            """;

        using var response = await client.PostAsync($"{V1}/contacts", Content(xxe, "application/xml"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.DoesNotContain("root:", problem.ToJsonString(), StringComparison.Ordinal);
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_XmlEntityExpansionBomb_Returns400()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <contact><lastName>&lol4;</lastName></contact>
            """;

        using var response = await client.PostAsync($"{V1}/contacts", Content(bomb, "application/xml"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "body");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_MalformedXml_Returns400Problem()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostAsync($"{V1}/contacts", Content("<contact><lastName>Lovelace</contact>", "application/xml"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "body");
        await AssertCountsUnchangedAsync(client);
    }

    [Fact]
    public async Task Create_JsonArrayInsteadOfObject_Returns400NamingTheBody()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeededClientAsync(app);

        using var response = await client.PostJsonAsync($"{V1}/contacts", """[{ "lastName": "Lovelace" }]""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "body");
        await AssertCountsUnchangedAsync(client);
    }

    /// <summary>One account and one contact, so "unchanged" is checked against a non-empty database.</summary>
    private static async Task<HttpClient> SeededClientAsync(RapportApp app)
    {
        var client = await app.ClientAsync();
        await client.CreateAsync("accounts", """{ "name": "Initech", "billingAddress": { "city": "Austin", "country": "US" } }""");
        await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        return client;
    }

    private static async Task AssertCountsUnchangedAsync(HttpClient client)
    {
        Assert.Equal(1, await client.CountAsync("accounts"));
        Assert.Equal(1, await client.CountAsync("contacts"));
    }
}

public sealed class BadInputTests_Sqlite : BadInputTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class BadInputTests_Postgres(PostgresFixture pg) : BadInputTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
