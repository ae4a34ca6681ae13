using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

/// <summary>
/// Missing values and different ids of one external system are no evidence: a duplicate that lacks its
/// email, or that the ERP holds under a second id, must still be found.
/// </summary>
public sealed class MissingAndExternalIdTests
{
    private static readonly MatchField[] Fields = [.. ContactGenerator.Fields, new("externalIds.erp", MatchKind.ExternalId)];

    [Fact]
    public void Scan_DifferentErpIdsAndMissingEmails_StillFindTheDuplicates()
    {
        var (source, entities) = new ContactGenerator(11).Generate(3000);
        var table = WithErpIds(source, row => $"C-{row}");
        var config = MatchConfig.Default(Fields, table);

        var result = new DuplicateScanner().Scan(table, config);

        var metrics = PairMetrics.OfClusters(entities, result.Clusters);
        Assert.True(metrics.Recall >= 0.95, metrics.ToString());
        var erp = result.Model.Fields.Single(f => f.Name == "externalIds.erp");
        Assert.Equal(0, erp.Levels.Single(l => l.Name == "different").Weight, 9);
        Assert.True(erp.Levels.Single(l => l.Name == "exact").Weight > 10);
    }

    [Fact]
    public void Check_SameErpId_IsADuplicateWhateverElseDiffers()
    {
        var (source, _) = new ContactGenerator(11).Generate(1000);
        var table = WithErpIds(source, row => $"C-{row}");
        var config = MatchConfig.Default(Fields, table);
        var model = new DuplicateScanner().Scan(table, config).Model;
        var index = DuplicateIndex.Build(table, config, model);

        var found = index.Check(["Someone", "Else", null, null, null, null, null, null, null, "C-17"]);

        Assert.Equal(17, Assert.Single(found).Row);
        Assert.Equal(["externalIds.erp"], found[0].MatchedFields);
    }

    [Fact]
    public void Compare_MissingValue_IsNeutral()
    {
        var table = new MatchTable(ContactGenerator.Fields);
        table.Add(Guid.NewGuid(), ["Ada", "Lovelace", "ada@acme.de", null, null, null, null, null, null]);
        table.Add(Guid.NewGuid(), ["Ada", "Lovelace", null, "+4930123456", null, null, null, null, null]);
        var config = MatchConfig.Default(ContactGenerator.Fields);
        var set = Rapport.Integration.Dedupe.Features.FeatureSet.Build(table, config.Fields, false, 1, default);
        var levels = new sbyte[config.Fields.Count];

        new Rapport.Integration.Dedupe.Comparison.PairComparer(config).Compare(set, 0, set, 1, levels);

        Assert.Equal([0, 0, -1, -1, -1, -1, -1, -1, -1], levels.Select(l => (int)l));
    }

    private static MatchTable WithErpIds(MatchTable source, Func<int, string> id)
    {
        var table = new MatchTable(Fields, source.Count);
        var values = new string?[Fields.Length];
        for (var row = 0; row < source.Count; row++)
        {
            for (var f = 0; f < source.Fields.Count; f++) values[f] = source.Value(row, f);
            values[^1] = id(row);
            table.Add(source.Id(row), values);
        }
        return table;
    }
}
