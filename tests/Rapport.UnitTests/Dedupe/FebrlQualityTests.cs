using Rapport.Integration.Dedupe;
using Xunit.Abstractions;

namespace Rapport.UnitTests.Dedupe;

/// <summary>
/// The default configuration, derived from field kinds and a profile with parameters learned by EM,
/// must find FEBRL's duplicates without any tuning per data set: pairwise F1 of the clusters a user
/// sees at least 0.97 on both files.
/// </summary>
public sealed class FebrlQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("dataset1.csv")]
    [InlineData("dataset2.csv")]
    public void Scan_DefaultConfiguration_ClustersReachF1Of097(string file)
    {
        var (table, entities) = FebrlData.Load(file);
        var config = MatchConfig.Default(FebrlData.Fields, table);

        var result = new DuplicateScanner().Scan(table, config);

        var pairs = PairMetrics.OfPairs(entities, result.Pairs.Select(p => (p.RowA, p.RowB)));
        var clusters = PairMetrics.OfClusters(entities, result.Clusters);
        output.WriteLine($"{file}: {table.Count} records, {result.Statistics.ComparedPairs} pairs compared in {result.Statistics.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"  fields: {string.Join(", ", config.Fields.Select(f => $"{f.Name}:{f.Kind}"))}");
        foreach (var rule in result.Statistics.Rules) output.WriteLine($"  rule {rule.Rule}: {rule.Pairs} pairs, {rule.NewPairs} new");
        output.WriteLine($"  pairs above {config.Threshold}: {pairs}");
        output.WriteLine($"  clusters:          {clusters}");
        Assert.True(clusters.F1 >= 0.97, $"cluster F1 {clusters.F1:F4}");
    }
}
