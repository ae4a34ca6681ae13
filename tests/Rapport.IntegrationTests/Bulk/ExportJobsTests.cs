using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Bulk;

/// <summary><c>POST /api/v1/jobs/export</c> (contract §5): filters, every format, and the export → import → export round trip.</summary>
public abstract class ExportJobsTests
{
    protected abstract Task<RapportApp?> StartAsync();

    private static async Task<HttpClient> SeedAsync(RapportApp app)
    {
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin", "crm.bulk");
        using (var field = await client.PostJsonAsync($"{V1}/metadata/fields/contacts", """{"name":"score","label":"Score","type":"number"}"""))
            await field.ExpectStatusAsync(HttpStatusCode.Created);
        var account = (await client.CreateAsync("accounts", """{"name":"Acme","domain":"acme.example","externalIds":{"erp":"A-1"}}""")).Id();
        await client.CreateAsync("contacts", $$$"""
            {"firstName":"Ada","lastName":"Lovelace","title":"=cmd|' /C calc'!A0","accountId":"{{{account}}}",
             "emails":[{"address":"ada@example.com","type":"work","primary":true}],
             "phones":[{"number":"+442071234567","type":"work","primary":true}],
             "address":{"street":"1 Main St","city":"London","postalCode":"N1 9GU","country":"GB"},
             "lifecycleStage":"customer","birthDate":"1985-12-10","externalIds":{"erp":"C-1"},"custom":{"score":42}}
            """);
        await client.CreateAsync("contacts", """{"firstName":"Alan","lastName":"Turing, OBE","description":"line one\nline \"two\"","lifecycleStage":"lead"}""");
        await client.CreateAsync("contacts", """{"firstName":"Grace","lastName":"Hopper","lifecycleStage":"customer","externalIds":{"navy":"G-7"}}""");
        return client;
    }

    [Fact]
    public async Task Export_CsvWithFilter_HasOnlyMatchingRowsAndDefusedFormulas()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAsync(app);

        var job = await Jobs.ExportAsync(client, """{"object":"contacts","format":"csv","filters":{"lifecycleStage":"customer"},"sort":"lastName"}""");

        Assert.Equal(2, Jobs.Count(job, "read"));
        var rows = Csv.Parse(Encoding.UTF8.GetString(await Jobs.DownloadAsync(client, job)));
        Assert.Equal(3, rows.Count);
        var header = rows[0];
        Assert.Contains("externalIds.erp", header);
        Assert.Contains("custom.score", header);
        Assert.Contains("address.city", header);
        Assert.Equal(["Hopper", "Lovelace"], rows.Skip(1).Select(r => r[header.IndexOf("lastName")]));
        Assert.Equal("'=cmd|' /C calc'!A0", rows[2][header.IndexOf("title")]);
        Assert.Equal("ada@example.com", rows[2][header.IndexOf("email")]);
        Assert.Equal("42", rows[2][header.IndexOf("custom.score")]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("xml")]
    [InlineData("xlsx")]
    public async Task Export_ImportIntoEmptyDatabase_ExportAgain_GivesTheSameFile(string format)
    {
        byte[] first;
        await using (var source = await StartAsync())
        {
            if (source is null) return;
            var client = await SeedAsync(source);
            var accounts = await Jobs.ExportAsync(client, $$"""{"object":"accounts","format":"{{format}}"}""");
            var contacts = await Jobs.ExportAsync(client, $$"""{"object":"contacts","format":"{{format}}"}""");
            first = await Jobs.DownloadAsync(client, contacts);
            var accountFile = await Jobs.DownloadAsync(client, accounts);

            await using var target = await StartAsync();
            var other = await target!.ClientAsync("crm.read", "crm.write", "crm.admin", "crm.bulk");
            using (var field = await other.PostJsonAsync($"{V1}/metadata/fields/contacts", """{"name":"score","label":"Score","type":"number"}"""))
                await field.ExpectStatusAsync(HttpStatusCode.Created);
            var importedAccounts = await Jobs.ImportAsync(other, "accounts", "accounts." + format, accountFile);
            Assert.Equal((1L, 0L), (Jobs.Count(importedAccounts, "created"), Jobs.Count(importedAccounts, "failed")));
            var imported = await Jobs.ImportAsync(other, "contacts", "contacts." + format, first);
            Assert.True(Jobs.Count(imported, "failed") == 0, (await Jobs.ErrorsAsync(other, imported)).ToJsonString());
            Assert.Equal(3, Jobs.Count(imported, "created"));

            var again = await Jobs.ExportAsync(other, $$"""{"object":"contacts","format":"{{format}}"}""");
            var second = await Jobs.DownloadAsync(other, again);
            if (format == "xlsx") Assert.Equal(Sheet(first), Sheet(second));
            else Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        }
    }

    /// <summary>The sheet XML of an XLSX file: the zip container itself carries timestamps.</summary>
    private static string Sheet(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task Export_VCardOfContacts_ImportsBackAsContacts()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await SeedAsync(app);

        var job = await Jobs.ExportAsync(client, """{"object":"contacts","format":"vcard","filters":{"lastName":"Lovelace"}}""");
        var vcf = Encoding.UTF8.GetString(await Jobs.DownloadAsync(client, job));
        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n", vcf, StringComparison.Ordinal);
        Assert.Contains("ada@example.com", vcf, StringComparison.Ordinal);

        var leads = await Jobs.ImportAsync(client, "leads", "ada.vcf", vcf);
        Assert.Equal(1, Jobs.Count(leads, "created"));
        var (found, _) = await client.ListAsync("leads", "lastName=Lovelace");
        Assert.Equal("ada@example.com", Assert.Single(found)["emails"]![0]!["address"].Str());
    }

    [Fact]
    public async Task Export_ICalendarOfActivities_ImportsBackIntoAnotherDatabase()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        await client.CreateAsync("activities", """{"type":"meeting","subject":"Quarterly review, Q3","body":"Agenda:\n1. numbers","status":"planned","startAt":"2026-03-02T09:00:00Z","endAt":"2026-03-02T10:30:00Z"}""");
        await client.CreateAsync("activities", """{"type":"task","subject":"Send the offer","status":"inProgress","dueAt":"2026-03-05T17:00:00Z"}""");

        var job = await Jobs.ExportAsync(client, """{"object":"activities","format":"ical","sort":"subject"}""");
        var ics = Encoding.UTF8.GetString(await Jobs.DownloadAsync(client, job));
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);

        await using var other = await StartAsync();
        var target = await other!.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var imported = await Jobs.ImportAsync(target, "activities", "calendar.ics", ics);
        Assert.True(Jobs.Count(imported, "created") == 2, (await Jobs.ErrorsAsync(target, imported)).ToJsonString());
        var (meetings, _) = await target.ListAsync("activities", "type=meeting");
        var meeting = Assert.Single(meetings);
        Assert.Equal(("Quarterly review, Q3", "Agenda:\n1. numbers", "2026-03-02T09:00:00.000000Z", "2026-03-02T10:30:00.000000Z"),
            (meeting["subject"].Str(), meeting["body"].Str(), meeting["startAt"].Str(), meeting["endAt"].Str()));
        var (tasks, _) = await target.ListAsync("activities", "type=task");
        Assert.Equal(("Send the offer", "inProgress", "2026-03-05T17:00:00.000000Z"), (Assert.Single(tasks)["subject"].Str(), tasks[0]["status"].Str(), tasks[0]["dueAt"].Str()));
    }

    [Fact]
    public async Task StartExport_BadFilterOrFormat_Answers400BeforeAnyJob()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.bulk");

        using var filter = await client.PostJsonAsync("/api/v1/jobs/export", """{"object":"contacts","filters":{"shoeSize[gt]":"9"}}""");
        await filter.ExpectStatusAsync(HttpStatusCode.BadRequest);
        using var format = await client.PostJsonAsync("/api/v1/jobs/export", """{"object":"accounts","format":"ical"}""");
        await format.ExpectStatusAsync(HttpStatusCode.BadRequest);
        using var list = await client.GetAsync("/api/v1/jobs");
        Assert.Empty((await list.JsonObjectAsync())["data"]!.AsArray());
    }
    [Fact]
    public async Task Export_FilterOnACustomFieldDeletedBeforeTheJobRuns_FailsWithTheReason()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin", "crm.bulk");
        using (var field = await client.PostJsonAsync($"{V1}/metadata/fields/contacts", """{"name":"score","label":"Score","type":"number"}"""))
            await field.ExpectStatusAsync(HttpStatusCode.Created);
        await QueueLongImportAsync(client);
        var exportId = await Jobs.QueueExportAsync(client, """{"object":"contacts","format":"csv","filters":{"custom.score[gt]":"5"}}""");
        using (var delete = await client.DeleteAsync($"{V1}/metadata/fields/contacts/score"))
            Assert.True(delete.IsSuccessStatusCode, $"{delete.StatusCode}");

        var job = await Jobs.WaitAsync(client, exportId, TimeSpan.FromSeconds(120));

        Assert.Equal("failed", job["status"].Str());
        Assert.Contains("custom.score", job["error"].Str());
    }

    [Fact]
    public async Task Export_FileCannotBeWritten_FailsWithTheReasonInsteadOfStayingRunning()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        await QueueLongImportAsync(client);
        var exportId = await Jobs.QueueExportAsync(client, """{"object":"contacts","format":"csv"}""");
        // A folder where the export writes its file: opening the file fails, as on a full or read-only disk.
        var files = app.Services.GetRequiredService<Rapport.Api.Bulk.JobFiles>();
        Directory.CreateDirectory(files.ExportPath(Guid.Parse(exportId), "csv") + ".part");

        var job = await Jobs.WaitAsync(client, exportId, TimeSpan.FromSeconds(120));

        Assert.Equal("failed", job["status"].Str());
        Assert.Contains("unexpected error", job["error"].Str());
        Assert.NotNull(job["finishedAt"]);
    }

    /// <summary>Jobs run one at a time: while this import runs, a job queued after it waits.</summary>
    private static async Task QueueLongImportAsync(HttpClient client)
    {
        var rows = new StringBuilder("firstName,lastName\r\n");
        for (var i = 0; i < 20_000; i++) rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"Ada,Lovelace{i}\r\n");
        using var import = await Jobs.PostImportAsync(client, "contacts", "contacts.csv", Encoding.UTF8.GetBytes(rows.ToString()));
        await import.ExpectStatusAsync(HttpStatusCode.Accepted);
    }
}

public sealed class ExportJobsTests_Sqlite : ExportJobsTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ExportJobsTests_Postgres(PostgresFixture pg) : ExportJobsTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
