using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Quality;

/// <summary>
/// The quality target, end to end: the FEBRL files imported as contacts through the import API
/// with a mapping, scanned with the default configuration through <c>POST /api/v1/duplicates/scan</c>, and
/// the clusters of <c>GET /api/v1/duplicates</c> compared with the truth (rec-N-org and rec-N-dup-K share N).
/// </summary>
public abstract class DuplicateScanTests(ITestOutputHelper output)
{
    protected abstract Task<RapportApp?> StartAsync();

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "data", "febrl", file);

    /// <summary>Imports a FEBRL file and scans it; returns the clusters (as lists of rec_ids) and the import's rejected rows.</summary>
    private static async Task<(List<List<string>> Clusters, long Failed)> ImportAndScanAsync(HttpClient client, string file)
    {
        foreach (var field in new[] { "dateOfBirth", "socSecId" })
            using (var r = await client.PostJsonAsync($"{V1}/metadata/fields/contacts", $$"""{ "name": "{{field}}", "label": "{{field}}", "type": "text" }"""))
                await r.ExpectStatusAsync(HttpStatusCode.Created);
        var import = await Jobs.ImportAsync(client, "contacts", file, await File.ReadAllBytesAsync(Data(file)),
            new Dictionary<string, string> { ["mapping"] = await File.ReadAllTextAsync(Data("mapping.yaml")) });
        Assert.Equal("completed", import["status"].Str());

        using var scan = await client.PostJsonAsync($"{V1}/duplicates/scan", """{ "object": "contacts" }""");
        await scan.ExpectStatusAsync(HttpStatusCode.Accepted);
        var job = await Jobs.WaitAsync(client, (await scan.JsonObjectAsync()).Id(), TimeSpan.FromMinutes(3));
        Assert.Equal("completed", job["status"].Str());
        Assert.Equal(Jobs.Count(import, "created"), Jobs.Count(job, "read"));

        var clusters = new List<List<string>>();
        string? cursor = null;
        do
        {
            using var page = await client.GetAsync($"{V1}/duplicates?object=contacts&limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            await page.ExpectStatusAsync(HttpStatusCode.OK);
            var body = await page.JsonObjectAsync();
            foreach (var cluster in body["data"]!.AsArray())
            {
                Assert.InRange(cluster!["score"]!.GetValue<double>(), 0, 1);
                var members = cluster["members"]!.AsArray();
                Assert.All(members, m => Assert.Equal(m!["id"].Str(), m["record"]!["id"].Str()));
                clusters.Add([.. members.Select(m => m!["externalIds"]!["febrl"].Str()!)]);
            }
            cursor = body["nextCursor"].Str();
        } while (cursor is not null);
        return (clusters, Jobs.Count(import, "failed"));
    }

    private static HashSet<(string, string)> Pairs(IEnumerable<IReadOnlyList<string>> groups)
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var g in groups)
            for (var i = 0; i < g.Count; i++)
                for (var j = i + 1; j < g.Count; j++)
                    pairs.Add(string.CompareOrdinal(g[i], g[j]) < 0 ? (g[i], g[j]) : (g[j], g[i]));
        return pairs;
    }

    private async Task AssertQualityAsync(string file)
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin", "crm.bulk");
        var (clusters, failed) = await ImportAndScanAsync(client, file);

        var truth = Pairs(File.ReadLines(Data(file)).Skip(1).Select(l => l.Split(',')[0].Trim())
            .GroupBy(id => id.Split('-')[1]).Select(g => (IReadOnlyList<string>)g.ToList()));
        var found = Pairs(clusters);
        var correct = found.Count(truth.Contains);
        var precision = found.Count == 0 ? 0 : (double)correct / found.Count;
        var recall = (double)correct / truth.Count;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        output.WriteLine($"{file}: {clusters.Count} clusters, {found.Count} pairs, {truth.Count} true pairs, {failed} rows rejected by the import; " +
                         $"precision {precision:F4}, recall {recall:F4}, F1 {f1:F4}");
        Assert.True(f1 >= 0.97, $"{file}: F1 {f1:F4} (precision {precision:F4}, recall {recall:F4}) is below 0.97");
    }

    [Fact]
    public Task Scan_Febrl1ImportedAsContacts_ReachesF1Of97Percent() => AssertQualityAsync("dataset1.csv");

    [Fact]
    public Task Scan_Febrl2ImportedAsContacts_ReachesF1Of97Percent() => AssertQualityAsync("dataset2.csv");
}

public sealed class DuplicateScanTests_Sqlite(ITestOutputHelper output) : DuplicateScanTests(output)
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class DuplicateScanTests_Postgres(PostgresFixture pg, ITestOutputHelper output) : DuplicateScanTests(output)
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
