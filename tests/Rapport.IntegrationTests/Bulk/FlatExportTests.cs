using System.Globalization;
using System.Net;
using System.Text;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Bulk;

/// <summary>
/// A CSV export in id order takes the flat path (each row's stored text straight to UTF-8 cells, ranges read on
/// several cores; on SQLite from SQLite's column memory, on PostgreSQL as one JSON array per row); any other order
/// takes the record path. The two must give the same file: the same header, the same cells for every row, the
/// same quoting and formula guards.
/// </summary>
public abstract class FlatExportTests
{
    protected abstract Task<RapportApp?> StartAsync();

    /// <summary>More than one range of the flat path (5,000 ids), with a deleted record inside the first.</summary>
    private const int ImportedContacts = 5600;

    [Fact]
    public async Task ExportCsv_IdOrder_GivesTheRowsOfTheRecordPathForEveryKindOfValue()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin", "crm.bulk");
        foreach (var field in (string[])[
            """{"name":"nick","label":"Nick","type":"text"}""",
            """{"name":"score","label":"Score","type":"number"}""",
            """{"name":"ratio","label":"Ratio","type":"decimal"}""",
            """{"name":"since","label":"Since","type":"date"}""",
            """{"name":"seen","label":"Seen","type":"datetime"}""",
            """{"name":"vip","label":"VIP","type":"boolean"}""",
            """{"name":"tags","label":"Tags","type":"multipicklist","options":["a","b","c"]}""",
            """{"name":"site","label":"Site","type":"url"}"""])
        {
            using var created = await client.PostJsonAsync($"{V1}/metadata/fields/contacts", field);
            await created.ExpectStatusAsync(HttpStatusCode.Created);
        }

        var imported = await Jobs.ImportAsync(client, "contacts", "contacts.csv", ContactsCsv());
        Assert.True(Jobs.Count(imported, "created") == ImportedContacts, (await Jobs.ErrorsAsync(client, imported)).Take(3).Select(e => e!.ToJsonString()).Aggregate("", (a, b) => a + b));
        var account = (await client.CreateAsync("accounts", """{"name":"Acme \"Intl\"","domain":"acme.example","externalIds":{"erp":"A-1"}}""")).Id();
        await client.CreateAsync("contacts", $$$"""
            {"firstName":"Ada","lastName":"Lovelace","accountId":"{{{account}}}",
             "emails":[{"address":"second@example.com","type":"home"},{"address":"Ada@Example.com","type":"work","primary":true}],
             "phones":[{"number":"+442071234567","type":"work"}],
             "address":{"street":"1 \"Main\" St\nBuilding 2","city":"Zürich","country":"CH"},
             "marketingConsent":{"status":"granted","at":"2024-01-02T03:04:05Z","method":"webForm"},
             "externalIds":{"erp":"C-1","crm":"x,y"},
             "custom":{"nick":"back\\slash \"quoted\" \u0001","score":-3,"ratio":0.10,"since":"2024-02-29","seen":"2024-03-01T10:00:00Z",
                       "vip":true,"tags":["a","c"],"site":"https://example.com/?q=1,2"}}
            """);
        await client.CreateAsync("contacts", """
            {"firstName":"@Grace","lastName":"Hopper","emails":[{"address":"grace@example.com","type":"work"}],
             "custom":{"vip":false,"score":7,"ratio":12.5,"tags":[]}}
            """);
        var deleted = await client.CreateAsync("contacts", """{"firstName":"Gone","lastName":"Soon"}""");
        using (var delete = await client.DeleteAsync($"{V1}/contacts/{deleted.Id()}"))
            Assert.True(delete.IsSuccessStatusCode);
        await client.CreateAsync("opportunities", $$$"""
            {"name":"Deal, \"big\"","accountId":"{{{account}}}","currency":"EUR","closeDate":"2026-06-30",
             "lineItems":[{"description":"Licences, \"gold\"","quantity":10,"unitPrice":1200.50},{"description":"Onboarding","quantity":1,"unitPrice":5000,"discount":10}]}
            """);
        await client.CreateAsync("opportunities", $$"""{"name":"=SUM(A1)","accountId":"{{account}}","amount":0.10,"currency":"USD"}""");
        await client.CreateAsync("products", """{"name":"Widget","sku":"W-1","price":10.50,"currency":"EUR","active":false}""");
        await client.CreateAsync("products", """{"name":"+Gadget","sku":"G-1","price":0,"currency":"EUR"}""");

        // Filters, search and a field list narrow the flat path as they narrow the record path.
        const string Narrowed = ""","q":"zo","fields":"firstName,lastName,custom,externalIds","filters":{"lastName[startsWith]":"L01"}""";
        foreach (var (objectName, options, rows) in (List<(string, string, int)>)[
            ("contacts", "", ImportedContacts + 2), ("contacts", Narrowed, 143), ("opportunities", "", 2), ("products", "", 2), ("accounts", "", 1)])
        {
            var idOrder = await ExportAsync(client, objectName, options);
            var reversed = await ExportAsync(client, objectName, options + ",\"sort\":\"-id\"");
            Assert.Equal(reversed.Length, idOrder.Length);
            var flat = Csv.Parse(Encoding.UTF8.GetString(idOrder));
            var records = Csv.Parse(Encoding.UTF8.GetString(reversed));
            Assert.Equal(rows + 1, flat.Count);
            Assert.Equal(records[0], flat[0]);
            var expected = records.Skip(1).Reverse().ToList();
            for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], flat[i + 1]);
        }

        var contacts = Csv.Parse(Encoding.UTF8.GetString(await ExportAsync(client, "contacts", "")));
        var header = contacts[0];
        var ada = contacts.Single(r => r[header.IndexOf("lastName")] == "Lovelace");
        Assert.Equal("Ada@example.com", ada[header.IndexOf("email")]);
        Assert.Equal("1 \"Main\" St Building 2", ada[header.IndexOf("address.street")]);
        Assert.Equal("back\\slash \"quoted\" \u0001", ada[header.IndexOf("custom.nick")]);
        Assert.Equal("'-3", ada[header.IndexOf("custom.score")]);
        Assert.Equal("0.1", ada[header.IndexOf("custom.ratio")]);
        Assert.Equal("true", ada[header.IndexOf("custom.vip")]);
        Assert.Equal("[\"a\",\"c\"]", ada[header.IndexOf("custom.tags")]);
        Assert.Equal("x,y", ada[header.IndexOf("externalIds.crm")]);
        var grace = contacts.Single(r => r[header.IndexOf("lastName")] == "Hopper");
        Assert.Equal("'@Grace", grace[header.IndexOf("firstName")]);
        Assert.Equal("false", grace[header.IndexOf("custom.vip")]);
        Assert.Equal("", grace[header.IndexOf("custom.since")]);
        Assert.DoesNotContain(contacts, r => r[header.IndexOf("lastName")] == "Soon");
    }

    /// <param name="options">More members of the export request, each after a comma.</param>
    private static async Task<byte[]> ExportAsync(HttpClient client, string objectName, string options)
    {
        var job = await Jobs.ExportAsync(client, $$"""{"object":"{{objectName}}","format":"csv"{{options}}}""");
        Assert.Equal("completed", job["status"]!.GetValue<string>());
        return await Jobs.DownloadAsync(client, job);
    }

    /// <summary>Names that need quoting, defusing or JSON escapes; every other row has an ERP id, every third a description.</summary>
    private static string ContactsCsv()
    {
        string[] firstNames = ["=HYPERLINK(\"x\")", "Zoë 😀 东京", "O'Brien, \"Bob\"", "-5", "'=already", "tab\there", "Plain"];
        var csv = new StringBuilder("firstName,lastName,description,externalIds.erp,custom.score,custom.nick\r\n");
        for (var i = 0; i < ImportedContacts; i++)
        {
            var first = firstNames[i % firstNames.Length];
            csv.Append('"').Append(first.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
                .Append(CultureInfo.InvariantCulture, $"L{i:D5},")
                .Append(i % 3 == 0 ? "\"line one\nline \"\"two\"\"\"" : "").Append(',')
                .Append(i % 2 == 0 ? $"E{i}" : "").Append(',')
                .Append(i % 4 == 0 ? (i % 8 == 0 ? "7" : "-12") : "").Append(',')
                .Append(i % 5 == 0 ? "\"\\u00e9 \\\"\"\"" : "")
                .Append("\r\n");
        }
        return csv.ToString();
    }
}

public sealed class FlatExportTests_Sqlite : FlatExportTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class FlatExportTests_Postgres(PostgresFixture pg) : FlatExportTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
