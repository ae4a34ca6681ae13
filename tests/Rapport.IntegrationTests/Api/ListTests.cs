using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Api;

/// <summary><c>GET /api/v1/{object}</c> (contract §3): filters, sort, projection, search, cursor pages and formats.</summary>
public abstract class ListTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private sealed record SeedAccount(string Name, string Industry, decimal? AnnualRevenue, int Employees, string Country, string? Erp);

    private sealed record SeedContact(string FirstName, string LastName, string Email, string? BirthDate, string? Phone = null);

    private static readonly SeedAccount[] Accounts =
    [
        new("Acme Robotics", "Manufacturing", 4_200_000m, 120, "US", "ERP-1001"),
        new("Blue Harbor Logistics", "Logistics", 18_500_000m, 640, "NL", "ERP-1002"),
        new("Cobalt Analytics", "Software", 2_750_000.75m, 45, "DE", "ERP-1003"),
        new("Delta Dental Group", "Healthcare", null, 300, "US", null),
        new("Evergreen Foods", "Retail", 9_800_000m, 410, "FR", "ERP-1005"),
        new("Fjord Software", "Software", 2_750_000.75m, 38, "NO", null),
        new("Granite Insurance", "Finance", 56_000_000m, 1200, "GB", "ERP-1007"),
        new("Helios Solar", "Energy", null, 85, "ES", null),
        new("Ironclad Security", "Software", 12_000_000m, 210, "US", "ERP-1009"),
        new("Juniper Clinics", "Healthcare", 7_300_000m, 520, "DE", null),
        new("Kestrel Aviation", "Manufacturing", null, 900, "FR", "ERP-1011"),
        new("Lumen Media", "Media", 1_100_000m, 22, "IT", null),
        new("Meridian Bank", "Finance", 56_000_000m, 3400, "CH", "ERP-1013"),
        new("Northwind Traders", "Retail", 3_600_000m, 75, "US", null),
        new("Orchid Biotech", "Healthcare", null, 60, "DE", "ERP-1015"),
        new("Polar Freight", "Logistics", 650_000m, 12, "SE", null),
        new("Quantum Widgets", "Manufacturing", 4_200_000m, 150, "DE", "ERP-1017"),
        new("Riverbend Software", "Software", null, 8, "CA", null),
        new("Summit Outdoor", "Retail", 980_000m, 30, "AT", null),
        new("Tidewater Energy", "Energy", 31_000_000m, 800, "NO", "ERP-1020"),
        new("Umbra Studios", "Media", null, 15, "PL", null),
        new("Vertex Consulting", "Consulting", 2_100_000m, 40, "BE", null),
    ];

    private static readonly SeedContact[] Contacts =
    [
        new("Ada", "Lovelace", "ada@analytical-engines.example", "1815-12-10"),
        new("Charles", "Babbage", "charles@analytical-engines.example", "1791-12-26"),
        new("Grace", "Hopper", "grace.hopper@navy.example", "1906-12-09", "+1 202-555-0143"),
        new("Alan", "Turing", "alan.turing@bletchley.example", "1912-06-23", "+44 161 496 0734"),
        new("Joan", "Clarke", "joan.clarke@bletchley.example", "1917-06-24"),
        new("Katherine", "Johnson", "k.johnson@langley.example", "1918-08-26"),
        new("Dorothy", "Vaughan", "d.vaughan@langley.example", null),
        new("Mary", "Jackson", "m.jackson@langley.example", null),
        new("Margaret", "Hamilton", "margaret@mit-labs.example", "1936-08-17"),
        new("Barbara", "Liskov", "liskov@mit-labs.example", "1939-11-07"),
        new("Walter", "Hopper", "walter.hopper@harbor.example", null),
        new("Donald", "Knuth", "knuth@stanford.example", "1938-01-10"),
        new("Tony", "Hoare", "tony.hoare@oxford.example", "1934-01-11"),
        new("Dennis", "Johnson", "dennis.johnson@harbor.example", "1954-09-18"),
    ];

    [Fact]
    public async Task List_EqFilter_ReturnsOnlyMatchingRecords()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        var expected = Names(Accounts.Where(a => a.Industry == "Software"));
        Assert.Equal(expected, await NamesAsync(client, "industry=Software"));
        Assert.Equal(expected, await NamesAsync(client, "industry[eq]=Software"));
    }

    [Fact]
    public async Task List_NeFilter_ReturnsAllOthers()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        Assert.Equal(Names(Accounts.Where(a => a.Industry != "Software")), await NamesAsync(client, "industry[ne]=Software"));
    }

    [Fact]
    public async Task List_NumberComparisons_CompareAsNumbers()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        Assert.Equal(Names(Accounts.Where(a => a.AnnualRevenue > 10_000_000m)), await NamesAsync(client, "annualRevenue[gt]=10000000"));
        Assert.Equal(Names(Accounts.Where(a => a.AnnualRevenue < 1_000_000m)), await NamesAsync(client, "annualRevenue[lt]=1000000"));
        Assert.Equal(Names(Accounts.Where(a => a.AnnualRevenue >= 2_750_000.75m && a.AnnualRevenue <= 4_200_000m)),
            await NamesAsync(client, "annualRevenue[gte]=2750000.75&annualRevenue[lte]=4200000"));
        Assert.Equal(Names(Accounts.Where(a => a.Employees > 500)), await NamesAsync(client, "employees[gt]=500"));
        Assert.Equal(Names(Accounts.Where(a => a.Employees < 100 && a.Industry == "Software")),
            await NamesAsync(client, "employees[lt]=100&industry=Software"));
    }

    [Fact]
    public async Task List_DateComparisons_CompareAsDates()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedContactsAsync(app);

        Assert.Equal(LastNames(Contacts.Where(c => c.BirthDate is not null && string.CompareOrdinal(c.BirthDate, "1920-01-01") < 0)),
            await LastNamesAsync(client, "birthDate[lt]=1920-01-01"));
        Assert.Equal(LastNames(Contacts.Where(c => c.BirthDate is not null && string.CompareOrdinal(c.BirthDate, "1936-08-17") >= 0)),
            await LastNamesAsync(client, "birthDate[gte]=1936-08-17"));
    }

    [Fact]
    public async Task List_CreatedAtGreaterThan_ReturnsRecordsCreatedLater()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var created = new List<JsonObject>();
        foreach (var c in Contacts.Take(8)) created.Add(await client.CreateAsync("contacts", ContactJson(c)));
        var pivot = created[4]["createdAt"].Str()!;
        var pivotTime = Instant(pivot);

        var expected = created.Where(r => Instant(r["createdAt"].Str()!) > pivotTime).Select(r => r.Id()).Order().ToList();
        var actual = (await client.ListAsync("contacts", "createdAt[gt]=" + Uri.EscapeDataString(pivot))).Data.Select(r => r.Id()).Order().ToList();

        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task List_ContainsAndStartsWith_MatchText()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        Assert.Equal(Names(Accounts.Where(a => a.Name.Contains("Soft", StringComparison.Ordinal))), await NamesAsync(client, "name[contains]=Soft"));
        Assert.Equal(Names(Accounts.Where(a => a.Name.StartsWith("Me", StringComparison.Ordinal))), await NamesAsync(client, "name[startsWith]=Me"));
    }

    [Fact]
    public async Task List_InFilter_MatchesAnyListedValue()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        Assert.Equal(Names(Accounts.Where(a => a.Industry is "Energy" or "Media")), await NamesAsync(client, "industry[in]=Energy,Media"));
    }

    [Fact]
    public async Task List_IsNullFilter_SplitsRecordsWithAndWithoutAValue()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        Assert.Equal(Names(Accounts.Where(a => a.AnnualRevenue is null)), await NamesAsync(client, "annualRevenue[isNull]=true"));
        Assert.Equal(Names(Accounts.Where(a => a.AnnualRevenue is not null)), await NamesAsync(client, "annualRevenue[isNull]=false"));
    }

    [Fact]
    public async Task List_NestedFieldFilter_MatchesBillingCountry()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        Assert.Equal(Names(Accounts.Where(a => a.Country == "DE")), await NamesAsync(client, "billingAddress.country=DE"));
    }

    [Fact]
    public async Task List_ExternalIdFilter_FindsTheRecordOfThatId()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        Assert.Equal(["Cobalt Analytics"], await NamesAsync(client, "externalIds.erp=ERP-1003"));
    }

    [Fact]
    public async Task List_SortByLastNameThenNewestFirst_OrdersAccordingly()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedContactsAsync(app);

        var expected = Contacts.Select((c, i) => (c, i)).OrderBy(x => x.c.LastName, StringComparer.Ordinal).ThenByDescending(x => x.i)
            .Select(x => x.c.Email).ToList();
        var (data, _) = await client.ListAsync("contacts", "sort=lastName,-createdAt&limit=100");

        Assert.Equal(expected, data.Select(r => r["emails"]![0]!["address"].Str()!).ToList());
    }

    [Fact]
    public async Task List_FieldsProjection_ReturnsOnlyIdAndTheNamedField()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedContactsAsync(app);

        var (data, _) = await client.ListAsync("contacts", "fields=firstName&limit=100");

        Assert.Equal(Contacts.Length, data.Count);
        foreach (var record in data)
            Assert.Equal(["firstName", "id"], record.Select(p => p.Key).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(Contacts.Select(c => c.FirstName).Order(StringComparer.Ordinal), data.Select(r => r["firstName"].Str()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_SearchQuery_MatchesNamesAndEmails()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedContactsAsync(app);

        Assert.Equal(["Hopper", "Hopper"], await LastNamesAsync(client, "q=hopper"));
        Assert.Equal(["Clarke", "Turing"], await LastNamesAsync(client, "q=bletchley.example"));
        Assert.Equal(["Hopper"], await LastNamesAsync(client, "q=" + Uri.EscapeDataString("Grace Hopper")));
    }

    [Fact]
    public async Task List_SearchQuery_MatchesPhoneNumbers()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedContactsAsync(app);

        Assert.Equal(["Hopper"], await LastNamesAsync(client, "q=2025550143"));
        Assert.Equal(["Turing"], await LastNamesAsync(client, "q=" + Uri.EscapeDataString("+441614960734")));
    }

    [Fact]
    public async Task List_SearchQuery_DoesNotMatchEmailTypesOrJsonKeys()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedContactsAsync(app);

        Assert.Empty(await LastNamesAsync(client, "q=work"));
        Assert.Empty(await LastNamesAsync(client, "q=mobile"));
        Assert.Empty(await LastNamesAsync(client, "q=primary"));
    }

    [Fact]
    public async Task List_CursorPagesOfSeven_WalkEveryRecordOnceInOrder()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        var all = (await client.ListAsync("accounts", "limit=1000")).Data.Select(r => r.Id()).ToList();
        var walked = await WalkAsync(client, "limit=7");

        Assert.Equal(Accounts.Length, all.Count);
        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task List_CursorPagesSortedByRevenueDescending_WalkEveryRecordOnceWithNullsTogether()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        var single = (await client.ListAsync("accounts", "sort=-annualRevenue&limit=1000")).Data;
        var walked = await WalkAsync(client, "sort=-annualRevenue&limit=7");

        Assert.Equal(single.Select(r => r.Id()).ToList(), walked);
        Assert.Equal(Accounts.Length, walked.Distinct().Count());
        var revenues = single.Select(r => r["annualRevenue"]?.GetValue<decimal>()).ToList();
        var known = revenues.Where(v => v is not null).ToList();
        Assert.Equal(known.OrderByDescending(v => v).ToList(), known);
        var nulls = revenues.Select((v, i) => (v, i)).Where(x => x.v is null).Select(x => x.i).ToList();
        Assert.Equal(Accounts.Count(a => a.AnnualRevenue is null), nulls.Count);
        Assert.True(nulls[^1] - nulls[0] == nulls.Count - 1, "records without a revenue come together, not between others");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    public async Task List_LimitOutOfRange_Returns400NamingLimit(string query)
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.GetAsync($"{V1}/contacts?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task List_UnknownFilterField_Returns400NamingIt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.GetAsync($"{V1}/contacts?shoeSize=42");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "shoeSize");
    }

    [Fact]
    public async Task List_UnknownOperator_Returns400NamingIt()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        using var response = await client.GetAsync($"{V1}/contacts?lastName[like]=Hop");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("like", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EditedCursor_Returns400NamingCursor()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);
        var (_, cursor) = await client.ListAsync("accounts", "limit=7");
        Assert.NotNull(cursor);
        var i = cursor!.Length / 3;
        var forged = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];

        using var response = await client.GetAsync($"{V1}/accounts?limit=7&cursor={Uri.EscapeDataString(forged)}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task List_AcceptCsv_ReturnsHeaderRowAndOneRowPerRecord()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAccountsAsync(app);

        using var response = await client.GetAsync($"{V1}/accounts?limit=100", "text/csv");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        var header = rows[0];
        Assert.Equal("id", header[0]);
        Assert.Contains("name", header);
        Assert.Contains("billingAddress.country", header);
        Assert.Contains("externalIds.erp", header);
        Assert.Equal(Accounts.Length, rows.Count - 1);
        var cobalt = rows.Single(r => r[header.IndexOf("name")] == "Cobalt Analytics");
        Assert.Equal("DE", cobalt[header.IndexOf("billingAddress.country")]);
        Assert.Equal("ERP-1003", cobalt[header.IndexOf("externalIds.erp")]);
        Assert.Equal(2750000.75m, decimal.Parse(cobalt[header.IndexOf("annualRevenue")], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Get_AcceptXml_ReturnsTheRecordAsXml()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var account = await client.CreateAsync("accounts", AccountJson(Accounts[2]));

        using var response = await client.GetAsync($"{V1}/accounts/{account.Id()}", "application/xml");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"1\"", response.ETag());
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = xml.Root!;
        Assert.Equal("account", root.Name.LocalName);
        Assert.Equal(account.Id(), root.Element("id")?.Value);
        Assert.Equal("Cobalt Analytics", root.Element("name")?.Value);
        Assert.Equal("DE", root.Element("billingAddress")?.Element("country")?.Value);
        Assert.Equal("ERP-1003", root.Element("externalIds")?.Element("erp")?.Value);
        Assert.Equal(2750000.75m, decimal.Parse(root.Element("annualRevenue")!.Value, CultureInfo.InvariantCulture));
    }

    private static async Task<HttpClient> SeedAccountsAsync(RapportApp app)
    {
        var client = await app.ClientAsync();
        foreach (var account in Accounts) await client.CreateAsync("accounts", AccountJson(account));
        return client;
    }

    private static async Task<HttpClient> SeedContactsAsync(RapportApp app)
    {
        var client = await app.ClientAsync();
        foreach (var contact in Contacts) await client.CreateAsync("contacts", ContactJson(contact));
        return client;
    }

    private static string AccountJson(SeedAccount a)
    {
        var node = new JsonObject
        {
            ["name"] = a.Name,
            ["domain"] = a.Name.Split(' ')[0].ToLowerInvariant() + ".example",
            ["industry"] = a.Industry,
            ["employees"] = a.Employees,
            ["billingAddress"] = new JsonObject { ["city"] = "Main City", ["country"] = a.Country },
        };
        if (a.AnnualRevenue is { } revenue)
        {
            node["annualRevenue"] = revenue;
            node["currency"] = "EUR";
        }
        if (a.Erp is not null) node["externalIds"] = new JsonObject { ["erp"] = a.Erp };
        return node.ToJsonString();
    }

    private static string ContactJson(SeedContact c)
    {
        var node = new JsonObject
        {
            ["firstName"] = c.FirstName,
            ["lastName"] = c.LastName,
            ["emails"] = new JsonArray(new JsonObject { ["address"] = c.Email, ["type"] = "work" }),
        };
        if (c.BirthDate is not null) node["birthDate"] = c.BirthDate;
        if (c.Phone is not null) node["phones"] = new JsonArray(new JsonObject { ["number"] = c.Phone, ["type"] = "mobile" });
        return node.ToJsonString();
    }

    /// <summary>Follows nextCursor from the first page to the last; asserts page sizes and no repeated record.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, string query)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var (data, next) = await client.ListAsync("accounts", query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.InRange(data.Count, 0, 7);
            foreach (var id in data.Select(r => r.Id()))
            {
                Assert.DoesNotContain(id, ids);
                ids.Add(id);
            }
            if (next is null) return ids;
            Assert.Equal(7, data.Count);
            cursor = next;
        }
        Assert.Fail("the cursor never ended");
        return ids;
    }

    private static List<string> Names(IEnumerable<SeedAccount> accounts) => accounts.Select(a => a.Name).Order(StringComparer.Ordinal).ToList();

    private static List<string> LastNames(IEnumerable<SeedContact> contacts) => contacts.Select(c => c.LastName).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> NamesAsync(HttpClient client, string query) =>
        (await client.ListAsync("accounts", query + "&limit=100")).Data.Select(r => r["name"].Str()!).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> LastNamesAsync(HttpClient client, string query) =>
        (await client.ListAsync("contacts", query + "&limit=100")).Data.Select(r => r["lastName"].Str()!).Order(StringComparer.Ordinal).ToList();

    private static DateTime Instant(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

public sealed class ListTests_Sqlite : ListTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ListTests_Postgres(PostgresFixture pg) : ListTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
