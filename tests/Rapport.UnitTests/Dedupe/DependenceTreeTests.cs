using Rapport.Integration.Dedupe;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Training;

namespace Rapport.UnitTests.Dedupe;

public class DependenceTreeTests
{
    private static readonly MatchConfig Config = new(
        [new("postcode", MatchKind.Exact), new("city", MatchKind.Exact), new("name", MatchKind.Exact)],
        [BlockingRule.Parse("postcode")]);

    [Fact]
    public void Build_CityFollowsPostcode_CorrectsTheirJointAgreementOnly()
    {
        var codec = new PatternCodec(new PairComparer(Config));
        var counts = new Dictionary<UInt128, double>();
        void Add(sbyte postcode, sbyte city, sbyte name, double count)
        {
            var key = codec.Encode([postcode, city, name]);
            counts[key] = counts.GetValueOrDefault(key) + count;
        }
        // 1% of random pairs share a postcode and then always the city; 5% share a city otherwise; names independent (2%).
        foreach (var (name, share) in new[] { ((sbyte)0, 0.02), ((sbyte)1, 0.98) })
        {
            Add(0, 0, name, 1_000_000 * 0.01 * share);
            Add(1, 0, name, 1_000_000 * 0.99 * 0.05 * share);
            Add(1, 1, name, 1_000_000 * 0.99 * 0.95 * share);
        }
        var statistics = LevelStatistics.From(PatternTable.From(counts, codec), [2, 2, 2], null);

        var dependence = Assert.Single(DependenceTree.Build(statistics, Config.Fields));

        Assert.Equal(("postcode", "city"), (dependence.FieldA, dependence.FieldB));
        var cityAgreement = 0.01 + 0.99 * 0.05;
        Assert.Equal(Math.Log2(0.01 * cityAgreement / 0.01), dependence.Bits[0][0], 3);
    }

    [Fact]
    public void From_PairsAgreeingImprobablyElsewhere_AreLeftOut()
    {
        var codec = new PatternCodec(new PairComparer(Config));
        var counts = new Dictionary<UInt128, double>
        {
            [codec.Encode([1, 1, 1])] = 999_000,
            [codec.Encode([0, 0, 0])] = 1_000,
        };
        var table = PatternTable.From(counts, codec);
        var u = new[] { new[] { 0.0001, 0.9999 }, new[] { 0.0001, 0.9999 }, new[] { 0.0001, 0.9999 } };

        var statistics = LevelStatistics.From(table, [2, 2, 2], u);

        Assert.Equal(0, statistics.Marginal[0][0]);
        Assert.Equal(999_000, statistics.Marginal[0][1]);
    }
}
