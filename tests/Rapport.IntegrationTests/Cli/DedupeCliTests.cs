using System.Text.Json.Nodes;

namespace Rapport.IntegrationTests.Cli;

/// <summary><c>rapport dedupe OBJECT [--threshold T] [--report FILE]</c> as a real process (contract §6).</summary>
public sealed class DedupeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-cli-dedupe-").FullName;

    private string Db => "sqlite:" + Path.Combine(_dir, "crm.db");

    private static Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(TimeSpan.FromSeconds(180), args);

    [Fact]
    public async Task Dedupe_ImportedFebrlFile_WritesTheReportOfContract6()
    {
        // The FEBRL file without its custom fields (the CLI has no metadata command): names and address only.
        var mapping = Path.Combine(_dir, "mapping.yaml");
        var lines = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "data", "febrl", "mapping.yaml"));
        await File.WriteAllLinesAsync(mapping, lines.Where(l => !l.TrimStart().StartsWith("custom.", StringComparison.Ordinal)));
        var import = await RunAsync("import", "contacts", Path.Combine(AppContext.BaseDirectory, "data", "febrl", "dataset1.csv"), "--mapping", mapping, "--quiet", "--db", Db);
        Assert.True(import.ExitCode is 0 or 1, import.ToString());

        var report = Path.Combine(_dir, "report.json");
        var result = await RunAsync("dedupe", "contacts", "--report", report, "--db", Db);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("duplicate clusters", result.StdErr);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        var clusters = json["clusters"]!.AsArray();
        Assert.InRange(clusters.Count, 400, 500);
        var correct = 0;
        foreach (var cluster in clusters)
        {
            Assert.InRange(cluster!["score"]!.GetValue<double>(), 0.5, 1);
            var members = cluster["members"]!.AsArray();
            Assert.All(members, m => Assert.True(Guid.TryParse(m!["id"]!.GetValue<string>(), out _)));
            var entities = members.Select(m => m!["externalIds"]!["febrl"]!.GetValue<string>().Split('-')[1]).Distinct().Count();
            if (entities == 1) correct++;
        }
        Assert.True(correct >= clusters.Count * 0.97, $"{correct} of {clusters.Count} clusters hold one person");
    }

    [Fact]
    public async Task Dedupe_BadUsage_ExitsTwoWithAClearLine()
    {
        var unknown = await RunAsync("dedupe", "widgets", "--db", Db);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'widgets' is not an object", unknown.StdErr);
        var threshold = await RunAsync("dedupe", "contacts", "--threshold", "2", "--db", Db);
        Assert.Equal(2, threshold.ExitCode);
        Assert.Contains("--threshold", threshold.StdErr);
        Assert.DoesNotContain("   at ", threshold.StdErr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
