using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Infrastructure.RecordAssert;

namespace Rapport.IntegrationTests.Features;

/// <summary><c>POST /api/v1/leads/{id}/convert</c>: a lead becomes an account, a contact and optionally an opportunity, in one transaction.</summary>
public abstract class LeadConversionTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private const string Grace = """
        {
          "firstName": "Grace",
          "lastName": "Hopper",
          "title": "Director of Programming",
          "company": "Eckert-Mauchly Computer Corporation",
          "emails": [{ "address": "Grace.Hopper@EMCC.example", "type": "work" }],
          "phones": [{ "number": "+1 215 555 0143", "type": "work" }],
          "address": { "street": "3747 Ridge Avenue", "city": "Philadelphia", "postalCode": "19132", "region": "PA", "country": "us" },
          "source": "event",
          "status": "qualified"
        }
        """;

    private static string ConvertUrl(string leadId) => $"{V1}/leads/{leadId}/convert";

    private static async Task<(int Accounts, int Contacts, int Opportunities)> CountsAsync(HttpClient client) =>
        (await client.CountAsync("accounts"), await client.CountAsync("contacts"), await client.CountAsync("opportunities"));

    [Fact]
    public async Task Convert_WithOpportunity_Returns200AndCreatesLinkedAccountContactAndOpportunity()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var lead = await client.CreateAsync("leads", Grace);

        using var response = await client.PostJsonAsync(ConvertUrl(lead.Id()), """
            { "createOpportunity": true, "opportunity": { "amount": 5000, "currency": "EUR" } }
            """);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var result = await response.JsonObjectAsync();
        Assert.Equal(lead.Id(), result["leadId"].Str());
        var accountId = result["accountId"].Str()!;
        var contactId = result["contactId"].Str()!;
        var opportunityId = result["opportunityId"].Str()!;
        Assert.Matches(UuidV7(), accountId);
        Assert.Matches(UuidV7(), contactId);
        Assert.Matches(UuidV7(), opportunityId);

        var account = await client.ReadAsync("accounts", accountId);
        Assert.Equal("Eckert-Mauchly Computer Corporation", account["name"].Str());
        Assert.Equal("Philadelphia", account["billingAddress"]?["city"].Str());

        var contact = await client.ReadAsync("contacts", contactId);
        Assert.Equal("Grace", contact["firstName"].Str());
        Assert.Equal("Hopper", contact["lastName"].Str());
        Assert.Equal("Director of Programming", contact["title"].Str());
        Assert.Equal("Grace.Hopper@emcc.example", Assert.Single(contact["emails"]!.AsArray())!["address"].Str());
        Assert.Equal("+12155550143", Assert.Single(contact["phones"]!.AsArray())!["number"].Str());
        Assert.Equal("US", contact["address"]!["country"].Str());
        Assert.Equal(accountId, contact["accountId"].Str());

        var opportunity = await client.ReadAsync("opportunities", opportunityId);
        Assert.Equal(accountId, opportunity["accountId"].Str());
        Assert.Equal(contactId, opportunity["contactId"].Str());
        Assert.Equal(5000m, opportunity["amount"]!.GetValue<decimal>());
        Assert.Equal("EUR", opportunity["currency"].Str());
        Assert.Equal("prospecting", opportunity["stage"].Str());
        Assert.Equal(10, opportunity["probability"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(opportunity["name"].Str()));

        var converted = await client.ReadAsync("leads", lead.Id());
        Assert.Equal("converted", converted["status"].Str());
        UtcInstant(converted["convertedAt"]);
        Assert.Equal(accountId, converted["convertedAccountId"].Str());
        Assert.Equal(contactId, converted["convertedContactId"].Str());
        Assert.Equal(opportunityId, converted["convertedOpportunityId"].Str());
        Assert.Equal(2, converted["version"]!.GetValue<long>());
        Assert.Equal((1, 1, 1), await CountsAsync(client));
    }

    [Fact]
    public async Task Convert_AlreadyConvertedLead_Returns409AndCreatesNothingMore()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var lead = await client.CreateAsync("leads", Grace);
        using var first = await client.PostJsonAsync(ConvertUrl(lead.Id()), """{ "createOpportunity": true, "opportunity": { "amount": 5000, "currency": "EUR" } }""");
        await first.ExpectStatusAsync(HttpStatusCode.OK);

        using var again = await client.PostJsonAsync(ConvertUrl(lead.Id()), """{ "createOpportunity": true, "opportunity": { "amount": 5000, "currency": "EUR" } }""");

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal((1, 1, 1), await CountsAsync(client));
        Assert.Equal(2, (await client.ReadAsync("leads", lead.Id()))["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Convert_WithAccountIdOfExistingAccount_ReusesItAndCreatesNoAccount()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var existing = await client.CreateAsync("accounts", """{ "name": "Remington Rand", "domain": "remington-rand.example" }""");
        var lead = await client.CreateAsync("leads", Grace);

        using var response = await client.PostJsonAsync(ConvertUrl(lead.Id()), $$"""{ "accountId": "{{existing.Id()}}" }""");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var result = await response.JsonObjectAsync();
        Assert.Equal(existing.Id(), result["accountId"].Str());
        Assert.Null(result["opportunityId"]);
        Assert.Equal((1, 1, 0), await CountsAsync(client));
        var contact = await client.ReadAsync("contacts", result["contactId"].Str()!);
        Assert.Equal(existing.Id(), contact["accountId"].Str());
        var account = await client.ReadAsync("accounts", existing.Id());
        Assert.Equal("Remington Rand", account["name"].Str());
        Assert.Equal(1, account["version"]!.GetValue<long>());
        var converted = await client.ReadAsync("leads", lead.Id());
        Assert.Equal(existing.Id(), converted["convertedAccountId"].Str());
        Assert.Null(converted["convertedOpportunityId"]);
    }

    [Fact]
    public async Task Convert_LeadWithoutCompanyAndNoAccountId_Returns400NamingAccountId()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var lead = await client.CreateAsync("leads", """
            { "firstName": "Alan", "lastName": "Turing", "emails": [{ "address": "alan@bletchley.example" }], "status": "working" }
            """);

        using var response = await client.PostJsonAsync(ConvertUrl(lead.Id()), """{ "createOpportunity": false }""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "accountId");
        Assert.Equal((0, 0, 0), await CountsAsync(client));
        var unchanged = await client.ReadAsync("leads", lead.Id());
        Assert.Equal("working", unchanged["status"].Str());
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Convert_InvalidOpportunity_Returns400AndLeavesNothingBehind()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var lead = await client.CreateAsync("leads", Grace);

        using var response = await client.PostJsonAsync(ConvertUrl(lead.Id()), """
            { "createOpportunity": true, "opportunity": { "amount": 5000 } }
            """);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "currency");
        Assert.Equal((0, 0, 0), await CountsAsync(client));
        var unchanged = await client.ReadAsync("leads", lead.Id());
        Assert.Equal("qualified", unchanged["status"].Str());
        Assert.Null(unchanged["convertedAt"]);
        Assert.Null(unchanged["convertedAccountId"]);
        Assert.Null(unchanged["convertedContactId"]);
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());

        // The lead can still be converted once the request is right.
        using var retry = await client.PostJsonAsync(ConvertUrl(lead.Id()), """
            { "createOpportunity": true, "opportunity": { "amount": 5000, "currency": "EUR" } }
            """);
        await retry.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 1), await CountsAsync(client));
    }

    [Fact]
    public async Task Convert_UnknownLead_Returns404()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.PostJsonAsync(ConvertUrl(Guid.CreateVersion7().ToString()), "{}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal((0, 0, 0), await CountsAsync(client));
    }
}

public sealed class LeadConversionTests_Sqlite : LeadConversionTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class LeadConversionTests_Postgres(PostgresFixture pg) : LeadConversionTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
