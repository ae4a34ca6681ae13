using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

public sealed class DuplicateScannerTests(ScannedContacts contacts) : IClassFixture<ScannedContacts>
{
    [Fact]
    public void Scan_GeneratedContacts_ClustersHoldTheDuplicates()
    {
        var metrics = PairMetrics.OfClusters(contacts.Entities, contacts.Result.Clusters);

        Assert.True(metrics.Precision >= 0.95, metrics.ToString());
        Assert.True(metrics.Recall >= 0.95, metrics.ToString());
    }

    [Fact]
    public void Scan_Pairs_CarryProbabilityIdsAndTheFieldsThatMatched()
    {
        var names = ContactGenerator.Fields.Select(f => f.Name).ToHashSet();
        Assert.NotEmpty(contacts.Result.Pairs);
        foreach (var pair in contacts.Result.Pairs)
        {
            Assert.True(pair.RowA < pair.RowB);
            Assert.InRange(pair.Probability, contacts.Config.Threshold, 1);
            Assert.Equal(contacts.Table.Id(pair.RowA), pair.IdA);
            Assert.Equal(contacts.Table.Id(pair.RowB), pair.IdB);
            Assert.NotEmpty(pair.MatchedFields);
            Assert.Subset(names, pair.MatchedFields.ToHashSet());
        }
    }

    [Fact]
    public void Scan_Clusters_AreDisjointAndScoredByTheirWeakestLink()
    {
        var seen = new HashSet<int>();
        foreach (var cluster in contacts.Result.Clusters)
        {
            Assert.True(cluster.Rows.Count >= 2);
            Assert.Equal(cluster.Rows.Count - 1, cluster.Links.Count);
            Assert.All(cluster.Rows, row => Assert.True(seen.Add(row)));
            Assert.Equal(cluster.Rows.Select(contacts.Table.Id), cluster.Ids);
            Assert.Equal(cluster.Links.Min(l => l.Probability), cluster.Score, 12);
            Assert.All(cluster.MatchedFields, field => Assert.All(cluster.Links, link => Assert.Contains(field, link.MatchedFields)));
        }
    }

    [Fact]
    public void Scan_WithTheModelOfAnEarlierScan_FindsTheSamePairsWithoutTraining()
    {
        var model = TrainedModel.FromJson(contacts.Result.Model.ToJson());

        var again = new DuplicateScanner().Scan(contacts.Table, contacts.Config, model);

        Assert.Equal(
            contacts.Result.Pairs.Select(p => (p.RowA, p.RowB, Math.Round(p.Probability, 9))),
            again.Pairs.Select(p => (p.RowA, p.RowB, Math.Round(p.Probability, 9))));
    }

    [Fact]
    public void Scan_Model_LearnsThatAgreementOnIdentifyingFieldsWeighsMost()
    {
        var weights = contacts.Result.Model.Fields.ToDictionary(f => f.Name, f => f.Levels[0].Weight);

        Assert.True(weights["email"] > weights["lastName"]);
        Assert.True(weights["birthDate"] > weights["city"]);
        Assert.True(weights["country"] < 2);
        Assert.InRange(contacts.Result.Model.MatchesPerRecord, 0.1, 0.4);
    }

    [Fact]
    public void Scan_Progress_ReportsTheStagesInOrder()
    {
        var stages = new List<ScanStage>();
        var (table, _) = new ContactGenerator(3).Generate(500);

        new DuplicateScanner().Scan(table, MatchConfig.Default(ContactGenerator.Fields, table), new Collect(p => stages.Add(p.Stage)));

        Assert.Equal(Enum.GetValues<ScanStage>(), stages.Distinct());
        Assert.Equal(stages.Order(), stages);
    }

    [Fact]
    public void Scan_Cancelled_Throws()
    {
        var (table, _) = new ContactGenerator(3).Generate(500);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new DuplicateScanner().Scan(table, MatchConfig.Default(ContactGenerator.Fields), ct: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Scan_ModelForOtherFields_Throws()
    {
        var other = new MatchConfig([new("email", MatchKind.Email)], [BlockingRule.Parse("email")]);

        Assert.Throws<ArgumentException>(() => new DuplicateScanner().Scan(contacts.Table, other, contacts.Result.Model));
    }

    private sealed class Collect(Action<ScanProgress> action) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => action(value);
    }
}
