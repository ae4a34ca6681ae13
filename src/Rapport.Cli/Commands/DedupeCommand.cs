using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Infrastructure;
using Rapport.Api.Quality;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Integration.Dedupe;

namespace Rapport.Cli.Commands;

/// <summary>
/// <c>rapport dedupe OBJECT [--threshold T] [--report FILE]</c> (contract §6): scans the object's live records
/// for duplicates, stores the clusters for review (as <c>POST /api/v1/duplicates/scan</c> does) and writes
/// the JSON report <c>{"clusters":[{"score","members":[{"id","externalIds"}]}]}</c> to FILE or stdout.
/// </summary>
public static class DedupeCommand
{
    public const string Usage = "Usage: rapport dedupe OBJECT [--threshold 0..1] [--report FILE] [--quiet] [--db ...]";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "threshold", "report", "db" }, new HashSet<string> { "quiet" });
        if (parsed.Positionals.Count != 1) throw new UsageException(Usage);
        var def = StandardObjects.Find(parsed.Positionals[0])
            ?? throw new UsageException($"'{parsed.Positionals[0]}' is not an object; use one of {string.Join(", ", StandardObjects.All.Select(d => d.Name))}.");
        double? threshold = null;
        if (parsed.Value("threshold") is { } t)
            threshold = double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1
                ? v : throw new UsageException($"--threshold must be a number from 0 to 1, not '{t}'.");
        var report = parsed.Value("report");

        await using var services = await CliServices.StartAsync(DatabaseOption.Resolve(parsed), ct);
        var display = new ProgressDisplay($"{def.Name} (dedupe)", parsed.Has("quiet") || report is null);
        var summary = await services.GetRequiredService<DuplicateService>().ScanAsync(def, threshold,
            new Progress<ScanProgress>(p => display.Show(0, p.Fraction)), ct);
        display.Show(summary.Records, 1, final: true);

        var clusters = await ReadClustersAsync(services.GetRequiredService<Database>(), def, ct);
        var json = new JsonObject { ["object"] = def.Name, ["records"] = summary.Records, ["clusters"] = clusters };
        if (report is null) Console.Out.WriteLine(json.ToJsonString());
        else
        {
            await File.WriteAllTextAsync(report + ".part", json.ToJsonString(), ct);
            File.Move(report + ".part", report, overwrite: true);
        }
        if (!parsed.Has("quiet"))
            Console.Error.WriteLine($"scanned {summary.Records:N0} {def.Name} in {summary.Elapsed.TotalSeconds:N1} s: {summary.Clusters:N0} duplicate clusters" +
                                    (report is null ? "" : $", report in {report}"));
        return 0;
    }

    private static async Task<JsonArray> ReadClustersAsync(Database db, ObjectDef def, CancellationToken ct)
    {
        var clusters = new JsonArray();
        await using var s = await db.ReadAsync(ct);
        var p = new ParameterList();
        var sql = $"SELECT score, members FROM duplicate_clusters WHERE object = {p.Add(s.Dialect, ColumnType.Text, def.Name)} ORDER BY score DESC, id";
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stored = JsonNode.Parse((string)s.Dialect.Read(reader, 1, ColumnType.Json)!)!;
            clusters.Add(new JsonObject
            {
                ["score"] = reader.GetDouble(0),
                ["members"] = stored["members"]!.DeepClone(),
                ["matchedFields"] = stored["matchedFields"]?.DeepClone(),
            });
        }
        return clusters;
    }
}
