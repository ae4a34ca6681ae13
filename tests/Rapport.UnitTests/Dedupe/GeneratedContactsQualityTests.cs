using Rapport.Integration.Dedupe;
using Xunit.Abstractions;

namespace Rapport.UnitTests.Dedupe;

/// <summary>
/// 20,000 generated contacts, 10% duplicates with typical CRM errors and households sharing an address:
/// the default configuration finds the duplicates and leaves the relatives apart.
/// </summary>
public sealed class GeneratedContactsQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Scan_TwentyThousandContacts_HighPrecisionAndRecall()
    {
        var (table, entities) = new ContactGenerator(42).Generate(20_000);
        var config = MatchConfig.Default(ContactGenerator.Fields, table);

        var result = new DuplicateScanner().Scan(table, config);

        var pairs = PairMetrics.OfPairs(entities, result.Pairs.Select(p => (p.RowA, p.RowB)));
        var clusters = PairMetrics.OfClusters(entities, result.Clusters);
        output.WriteLine($"{table.Count} contacts, {result.Statistics.ComparedPairs} pairs compared in {result.Statistics.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"  pairs above {config.Threshold}: {pairs}");
        output.WriteLine($"  clusters:          {clusters}");
        Assert.True(clusters.Precision >= 0.97, clusters.ToString());
        Assert.True(clusters.Recall >= 0.96, clusters.ToString());
    }
}
