using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Bulk;

/// <summary><c>POST /api/v1/jobs/import</c> (contract §5): mapping, relations, matching, dry run and the error report.</summary>
public abstract class ImportJobsTests
{
    protected abstract Task<RapportApp?> StartAsync();

    private const string Mapping = """
        fields:
          externalIds.legacy: { column: "Legacy ID" }
          firstName: { column: "First Name", transform: [trim] }
          lastName: { column: "Last Name", transform: [trim] }
          email: { column: "E-Mail", transform: [trim, lower] }
          account.externalIds.erp: { column: Account }
          lifecycleStage: { column: Stage, map: { Lead: lead, Customer: customer } }
          birthDate: { column: Born, date_format: "dd.MM.yyyy" }
          custom.tier: { column: Tier }
        """;

    private const string ContactsCsv =
        "Legacy ID,First Name,Last Name,E-Mail,Account,Stage,Born,Tier\r\n" +
        "L1, Ada ,Lovelace,ADA@Example.COM,ACC-1,Customer,10.12.1985,gold\r\n" +
        "L2,Alan,Turing,alan@example.com,ACC-2,Lead,23.06.1972,silver\r\n" +
        "L3,Grace,Hopper,grace@example.com,ACC-1,Lead,09.12.1966,\r\n" +
        "L4,Bad,Email,not-an-email,ACC-1,Lead,01.01.1980,gold\r\n" +
        "L5,No,Account,no.account@example.com,ACC-404,Lead,01.01.1980,gold\r\n" +
        "L6,Bad,Date,bad.date@example.com,ACC-2,Lead,31.02.1980,gold\r\n";

    private static async Task<(HttpClient Client, Dictionary<string, string> Accounts)> PrepareAsync(RapportApp app)
    {
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin", "crm.bulk");
        using var field = await client.PostJsonAsync($"{V1}/metadata/fields/contacts",
            """{"name":"tier","label":"Tier","type":"picklist","options":["gold","silver","bronze"]}""");
        await field.ExpectStatusAsync(HttpStatusCode.Created);
        var accounts = new Dictionary<string, string>();
        foreach (var erp in new[] { "ACC-1", "ACC-2" })
            accounts[erp] = (await client.CreateAsync("accounts", $$$"""{"name":"Account {{{erp}}}","externalIds":{"erp":"{{{erp}}}"}}""")).Id();
        return (client, accounts);
    }

    private static Dictionary<string, string> Options(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task Import_CsvWithMapping_CreatesLinkedTypedContactsAndReportsEachBadRow()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (client, accounts) = await PrepareAsync(app);

        var job = await Jobs.ImportAsync(client, "contacts", "contacts.csv", ContactsCsv, Options(("mapping", Mapping)));

        Assert.Equal("completed", job["status"].Str());
        Assert.Equal(6, Jobs.Count(job, "read"));
        Assert.Equal(3, Jobs.Count(job, "created"));
        Assert.Equal(3, Jobs.Count(job, "failed"));
        Assert.Equal(100.0, job["progress"]!["percent"]!.GetValue<double>());
        var (contacts, _) = await client.ListAsync("contacts", "externalIds.legacy=L1");
        var ada = Assert.Single(contacts);
        Assert.Equal("Ada", ada["firstName"].Str());
        Assert.Equal("ada@example.com", ada["emails"]![0]!["address"].Str());
        Assert.Equal(accounts["ACC-1"], ada["accountId"].Str());
        Assert.Equal("customer", ada["lifecycleStage"].Str());
        Assert.Equal("1985-12-10", ada["birthDate"].Str());
        Assert.Equal("gold", ada["custom"]!["tier"].Str());
        Assert.Equal(3, await client.CountAsync("contacts"));

        var errors = await Jobs.ErrorsAsync(client, job);
        Assert.Equal([5L, 6L, 7L], errors.Select(e => e!["line"]!.GetValue<long>()));
        var report = errors.ToJsonString();
        Assert.True(errors[0]!["reasons"]!.AsArray().Any(r => r!["column"].Str() == "E-Mail"), report);
        Assert.Equal("not-an-email", errors[0]!["values"]!["E-Mail"].Str());
        Assert.True(errors[1]!["reasons"]!.AsArray().Any(r => r!["column"].Str() == "Account" && r["message"].Str()!.Contains("ACC-404", StringComparison.Ordinal)), report);
        Assert.True(errors[2]!["reasons"]!.AsArray().Any(r => r!["column"].Str() == "Born"), report);
    }

    [Fact]
    public async Task Errors_AsCsv_GiveTheOriginalRowsWithLineAndReasonAndImportAgainOnceFixed()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (client, _) = await PrepareAsync(app);
        var job = await Jobs.ImportAsync(client, "contacts", "contacts.csv", ContactsCsv, Options(("mapping", Mapping)));

        using var response = await client.GetAsync($"/api/v1/jobs/{job.Id()}/errors", "text/csv");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var csv = await response.Content.ReadAsStringAsync();
        var rows = Csv.Parse(csv);
        Assert.Equal(["Legacy ID", "First Name", "Last Name", "E-Mail", "Account", "Stage", "Born", "Tier", "_line", "_errors"], rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.Equal("L4", rows[1][0]);
        Assert.Equal("5", rows[1][8]);
        Assert.Contains("email", rows[1][9], StringComparison.OrdinalIgnoreCase);

        var fixedCsv = csv.Replace("not-an-email", "bad.email@example.com", StringComparison.Ordinal)
            .Replace("ACC-404", "ACC-2", StringComparison.Ordinal).Replace("31.02.1980", "28.02.1980", StringComparison.Ordinal);
        var again = await Jobs.ImportAsync(client, "contacts", "fixed.csv", fixedCsv, Options(("mapping", Mapping)));
        Assert.Equal(3, Jobs.Count(again, "created"));
        Assert.Equal(0, Jobs.Count(again, "failed"));
        Assert.Equal(6, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Import_SameFileTwiceWithMatchOn_SecondRunChangesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (client, _) = await PrepareAsync(app);
        var options = Options(("mapping", Mapping), ("matchOn", "externalIds.legacy"), ("onDuplicate", "update"));

        var first = await Jobs.ImportAsync(client, "contacts", "contacts.csv", ContactsCsv, options);
        var (before, _) = await client.ListAsync("contacts", "sort=id&limit=100");
        var second = await Jobs.ImportAsync(client, "contacts", "contacts.csv", ContactsCsv, options);
        var (after, _) = await client.ListAsync("contacts", "sort=id&limit=100");

        Assert.Equal(3, Jobs.Count(first, "created"));
        Assert.Equal(0, Jobs.Count(second, "created"));
        Assert.Equal(0, Jobs.Count(second, "updated"));
        Assert.Equal(3, Jobs.Count(second, "unchanged"));
        Assert.Equal(before.Select(c => c.ToJsonString()), after.Select(c => c.ToJsonString()));
    }

    [Fact]
    public async Task Import_OnDuplicateMerge_KeepsTheRecordAndUnitesItsListsLikeAMerge()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var id = (await client.CreateAsync("contacts", """
            {"lastName":"Lovelace","emails":[{"address":"ada@example.com","primary":true}],"phones":[{"number":"+442079460001"}],"address":{"city":"London"}}
            """)).Id();
        const string csv = "externalIds.erp,email,phone,firstName,lastName,address.city,address.street\r\nE-1,ada@example.com,+442079460002,Ada,King,Paris,1 Rue\r\n";

        var job = await Jobs.ImportAsync(client, "contacts", "c.csv", csv, Options(("matchOn", "email"), ("onDuplicate", "merge")));

        Assert.Equal(1, Jobs.Count(job, "merged"));
        var merged = await client.ReadAsync("contacts", id);
        Assert.Equal(("Ada", "Lovelace", "E-1"), (merged["firstName"].Str(), merged["lastName"].Str(), merged["externalIds"]!["erp"].Str()));
        Assert.Equal(["+442079460001", "+442079460002"], merged["phones"]!.AsArray().Select(p => p!["number"].Str()).ToList());
        Assert.Single(merged["emails"]!.AsArray());
        Assert.Equal("London", merged["address"]!["city"].Str());
        Assert.Null(merged["address"]!["street"]);
    }

    [Fact]
    public async Task Import_OnDuplicateUpdateSkipMerge_DoWhatTheySay()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var id = (await client.CreateAsync("contacts", """{"firstName":"Ada","lastName":"Lovelace","emails":[{"address":"ada@example.com","type":"work","primary":true}]}""")).Id();
        const string csv = "email,firstName,lastName,title\r\nada@example.com,Augusta Ada,King,Countess\r\nnew@example.com,New,Person,\r\n";

        var skip = await Jobs.ImportAsync(client, "contacts", "c.csv", csv, Options(("matchOn", "email"), ("onDuplicate", "skip")));
        Assert.Equal((1L, 1L), (Jobs.Count(skip, "skipped"), Jobs.Count(skip, "created")));
        Assert.Equal("Ada", (await client.ReadAsync("contacts", id))["firstName"].Str());

        var merge = await Jobs.ImportAsync(client, "contacts", "c.csv", csv, Options(("matchOn", "email"), ("onDuplicate", "merge")));
        Assert.Equal(1, Jobs.Count(merge, "merged"));
        var merged = await client.ReadAsync("contacts", id);
        Assert.Equal(("Ada", "Lovelace", "Countess"), (merged["firstName"].Str(), merged["lastName"].Str(), merged["title"].Str()));

        var update = await Jobs.ImportAsync(client, "contacts", "c.csv", csv, Options(("matchOn", "email"), ("onDuplicate", "update")));
        Assert.Equal(1, Jobs.Count(update, "updated"));
        var updated = await client.ReadAsync("contacts", id);
        Assert.Equal(("Augusta Ada", "King"), (updated["firstName"].Str(), updated["lastName"].Str()));
        Assert.Equal(2, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Import_TwoRowsClaimingOneExternalId_RejectsOnlyTheSecondAndKeepsTheRest()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        await client.CreateAsync("contacts", """{"lastName":"Existing","externalIds":{"legacy":"L9"}}""");
        const string csv = "externalIds.legacy,lastName\r\nL1,One\r\nL2,Two\r\nL1,Again\r\nL9,Taken\r\nL3,Three\r\n";

        var job = await Jobs.ImportAsync(client, "contacts", "c.csv", csv);

        Assert.Equal((3L, 2L), (Jobs.Count(job, "created"), Jobs.Count(job, "failed")));
        var errors = await Jobs.ErrorsAsync(client, job);
        Assert.Equal([4L, 5L], errors.Select(e => e!["line"]!.GetValue<long>()));
        Assert.All(errors, e => Assert.Contains("externalIds.legacy", e!["reasons"]!.ToJsonString(), StringComparison.Ordinal));
        Assert.Equal(4, await client.CountAsync("contacts"));
        var (one, _) = await client.ListAsync("contacts", "externalIds.legacy=L1");
        Assert.Equal("One", Assert.Single(one)["lastName"].Str());
    }

    [Fact]
    public async Task Cancel_RunningImport_StopsAfterACommittedBatchAndSaysCancelled()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var csv = new StringBuilder("externalIds.legacy,lastName\r\n");
        for (var i = 0; i < 20_000; i++) csv.Append($"L{i},Person {i}\r\n");
        using var start = await Jobs.PostImportAsync(client, "contacts", "big.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        await start.ExpectStatusAsync(HttpStatusCode.Accepted);
        var id = (await start.JsonObjectAsync()).Id();

        using var cancel = await client.PostAsync($"/api/v1/jobs/{id}/cancel", null);
        var job = await Jobs.WaitAsync(client, id);

        await cancel.ExpectStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal("cancelled", job["status"].Str());
        var done = job["progress"]!["rowsDone"]!.GetValue<long>();
        Assert.True(done < 20_000, $"rowsDone {done}");
        Assert.Equal(done, Jobs.Count(job, "created"));
        Assert.Equal(Math.Min(done, 1000), await client.CountAsync("contacts"));
        using var again = await client.PostAsync($"/api/v1/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Import_OrdersWithLinesBySku_LinksEachLineToItsProduct()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var seat = (await client.CreateAsync("products", """{"name":"Seat","sku":"RC-SEAT","price":49.90,"currency":"EUR"}""")).Id();
        var support = (await client.CreateAsync("products", """{"name":"Support","sku":"RC-SUP","price":10,"currency":"EUR"}""")).Id();
        const string jsonl = """
            {"number":"SO-1","status":"confirmed","currency":"EUR","externalIds":{"erp":"SO-1"},"lines":[{"sku":"RC-SEAT","quantity":2,"unitPrice":49.90},{"sku":"RC-SUP","quantity":1,"unitPrice":10}]}
            {"number":"SO-2","status":"confirmed","currency":"EUR","lines":[{"sku":"NOPE","quantity":1,"unitPrice":1}]}
            """;

        var job = await Jobs.ImportAsync(client, "orders", "orders.jsonl", jsonl);

        Assert.Equal((1L, 1L), (Jobs.Count(job, "created"), Jobs.Count(job, "failed")));
        var (orders, _) = await client.ListAsync("orders", "number=SO-1");
        var lines = Assert.Single(orders)["lines"]!.AsArray();
        Assert.Equal([seat, support], lines.Select(l => l!["productId"].Str()));
        Assert.Equal(109.80m, orders[0]["total"]!.GetValue<decimal>());
        var error = Assert.Single(await Jobs.ErrorsAsync(client, job));
        Assert.Contains("NOPE", error!["reasons"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DryRun_ReportsEverythingAndWritesNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (client, _) = await PrepareAsync(app);

        var job = await Jobs.ImportAsync(client, "contacts", "contacts.csv", ContactsCsv, Options(("mapping", Mapping), ("dryRun", "true")));

        Assert.Equal("completed", job["status"].Str());
        Assert.True(job["dryRun"]!.GetValue<bool>());
        Assert.Equal((3L, 3L), (Jobs.Count(job, "created"), Jobs.Count(job, "failed")));
        Assert.Equal(3, (await Jobs.ErrorsAsync(client, job)).Count);
        Assert.Equal(0, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Import_JsonLinesAndXml_ImportLikeCsv()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        const string jsonl = """
            {"firstName":"Ada","lastName":"Lovelace","emails":[{"address":"ada@example.com","type":"work","primary":true}],"address":{"city":"London","country":"GB"}}
            this line is not JSON
            {"firstName":"Alan","lastName":"Turing","externalIds":{"erp":"T-1"}}
            """;
        var job = await Jobs.ImportAsync(client, "contacts", "people.jsonl", jsonl);
        Assert.Equal((2L, 1L), (Jobs.Count(job, "created"), Jobs.Count(job, "failed")));
        Assert.Equal(2L, (await Jobs.ErrorsAsync(client, job))[0]!["line"]!.GetValue<long>());
        var (ada, _) = await client.ListAsync("contacts", "email=ada@example.com");
        Assert.Equal("London", Assert.Single(ada)["address"]!["city"].Str());

        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <accounts>
              <account><name>Acme</name><domain>acme.example</domain><billingAddress><city>Berlin</city><country>DE</country></billingAddress></account>
              <account><name>Globex</name><employees>250</employees></account>
            </accounts>
            """;
        var accounts = await Jobs.ImportAsync(client, "accounts", "accounts.xml", xml);
        Assert.Equal(2, Jobs.Count(accounts, "created"));
        var (acme, _) = await client.ListAsync("accounts", "domain=acme.example");
        Assert.Equal("Berlin", Assert.Single(acme)["billingAddress"]!["city"].Str());
    }

    [Fact]
    public async Task Import_HostileOrBrokenFiles_FailTheJobClearlyAndWriteNothing()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE contacts [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <contacts><contact><lastName>&xxe;</lastName></contact></contacts>
            """;
        var xml = await Jobs.ImportAsync(client, "contacts", "evil.xml", xxe);
        Assert.Equal("failed", xml["status"].Str());
        Assert.Contains("DTD", xml["error"].Str(), StringComparison.OrdinalIgnoreCase);

        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        var binary = await Jobs.ImportAsync(client, "contacts", "garbage.csv", garbage);
        Assert.Equal("failed", binary["status"].Str());
        Assert.False(string.IsNullOrWhiteSpace(binary["error"].Str()));

        var notXlsx = await Jobs.ImportAsync(client, "contacts", "fake.xlsx", Encoding.UTF8.GetBytes("lastName\r\nnot a workbook\r\n"));
        Assert.Equal("failed", notXlsx["status"].Str());
        Assert.Equal(0, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task StartImport_BadRequests_AnswerProblemDetailsNamingTheField()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var csv = Encoding.UTF8.GetBytes("lastName\r\nX\r\n");

        await ExpectFieldAsync(await Jobs.PostImportAsync(client, "contacts", "c.csv", csv, includeObject: false), "object");
        await ExpectFieldAsync(await Jobs.PostImportAsync(client, "widgets", "c.csv", csv), "object");
        await ExpectFieldAsync(await Jobs.PostImportAsync(client, "contacts", "c.csv", csv, Options(("matchOn", "shoeSize"))), "matchOn");
        await ExpectFieldAsync(await Jobs.PostImportAsync(client, "contacts", "c.csv", csv, Options(("onDuplicate", "explode"))), "onDuplicate");
        await ExpectFieldAsync(await Jobs.PostImportAsync(client, "contacts", "c.csv", csv, Options(("mapping", "fields:\n  shoeSize: { column: lastName }\n"))), "mapping");
        await ExpectFieldAsync(await Jobs.PostImportAsync(client, "contacts", "c.unknown", csv), "format");
        using var json = await client.PostJsonAsync("/api/v1/jobs/import", "{}");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(0, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Jobs_WithoutBulkScope_AreForbidden()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        using var response = await Jobs.PostImportAsync(client, "contacts", "c.csv", Encoding.UTF8.GetBytes("lastName\r\nX\r\n"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task ExpectFieldAsync(HttpResponseMessage response, string field)
    {
        using (response)
        {
            await response.ExpectStatusAsync(HttpStatusCode.BadRequest);
            var problem = await response.JsonObjectAsync();
            Assert.True(problem["errors"]?[field] is not null, $"expected an error for '{field}': {problem.ToJsonString()}");
        }
    }
}

public sealed class ImportJobsTests_Sqlite : ImportJobsTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ImportJobsTests_Postgres(PostgresFixture pg) : ImportJobsTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
