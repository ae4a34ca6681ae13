using Rapport.Integration.Dedupe;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Training;

namespace Rapport.UnitTests.Dedupe;

public class ExpectationMaximisationTests
{
    private static readonly MatchConfig Config = new(
        [new("a", MatchKind.Exact), new("b", MatchKind.Exact), new("c", MatchKind.Exact), new("d", MatchKind.Exact)],
        [BlockingRule.Parse("a")]);

    [Fact]
    public void Run_ExactMixture_RecoversMAndTheMatchShare()
    {
        double[] m = [0.95, 0.9, 0.8, 0.85];
        double[] u = [0.05, 0.1, 0.02, 0.3];
        const double lambda = 0.2;
        var patterns = Mixture(m, u, lambda, 100_000);
        var fixedU = u.Select(x => new[] { x, 1 - x }).ToArray();
        var start = Enumerable.Range(0, 4).Select(_ => new[] { 0.7, 0.3 }).ToArray();

        var result = ExpectationMaximisation.Run(patterns, [true, true, true, true], fixedU, new double[patterns.Count], start, null, null);

        for (var f = 0; f < m.Length; f++) Assert.Equal(m[f], result.M[f][0], 2);
        Assert.Equal(lambda * 100_000, result.ExpectedMatches, 100_000 * 0.01);
    }

    [Fact]
    public void Run_InactiveField_KeepsItsStartingValues()
    {
        var patterns = Mixture([0.95, 0.9, 0.8, 0.85], [0.05, 0.1, 0.02, 0.3], 0.2, 10_000);
        var u = Enumerable.Range(0, 4).Select(_ => new[] { 0.1, 0.9 }).ToArray();
        var start = Enumerable.Range(0, 4).Select(_ => new[] { 0.6, 0.4 }).ToArray();

        var result = ExpectationMaximisation.Run(patterns, [true, true, true, false], u, new double[patterns.Count], start, null, null);

        Assert.Equal(0.6, result.M[3][0], 6);
    }

    /// <summary>Expected pattern counts of <paramref name="pairs"/> pairs from a two-class model with independent fields.</summary>
    private static PatternTable Mixture(double[] m, double[] u, double lambda, int pairs)
    {
        var codec = new PatternCodec(new PairComparer(Config));
        var counts = new Dictionary<UInt128, double>();
        var levels = new sbyte[m.Length];
        for (var bits = 0; bits < 1 << m.Length; bits++)
        {
            double pm = lambda, pu = 1 - lambda;
            for (var f = 0; f < m.Length; f++)
            {
                var agree = (bits >> f & 1) == 0;
                levels[f] = (sbyte)(agree ? 0 : 1);
                pm *= agree ? m[f] : 1 - m[f];
                pu *= agree ? u[f] : 1 - u[f];
            }
            counts[codec.Encode(levels)] = pairs * (pm + pu);
        }
        return PatternTable.From(counts, codec);
    }
}
