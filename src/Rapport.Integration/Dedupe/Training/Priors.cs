using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Scoring;

namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// The shares of matches and of related pairs among all pairs of the table. Nearly every member of either
/// class is a candidate pair, so the expected members among the (sampled, deduplicated) candidates over
/// the number of all pairs is the share, solved as a fixed point because the posteriors depend on it.
/// </summary>
internal static class Priors
{
    /// <summary>Solves λ = E[class members among candidates | λ] / all pairs by iteration, for both classes at once.</summary>
    public static (double Match, double Related) Estimate(
        PatternTable union, PairComparer comparer, Dependences dependences, MatchClasses classes, double[][] u, double allPairs)
    {
        if (union.Count == 0 || allPairs <= 0) return (1e-12, 0);
        var (ratioM, ratioR) = Ratios(union, comparer, dependences, classes, u);
        var match = Math.Min(0.25, union.Total / allPairs);
        var related = classes.R is null ? 0 : match;
        for (var i = 0; i < 1000; i++)
        {
            double expectedM = 0, expectedR = 0;
            for (var p = 0; p < union.Count; p++)
            {
                var (postM, postR, _) = Posterior(ratioM[p], ratioR[p], match, related);
                expectedM += union.Counts[p] * postM;
                expectedR += union.Counts[p] * postR;
            }
            var nextM = Math.Clamp(expectedM / allPairs, 1e-12, 0.25);
            var nextR = related > 0 ? Math.Clamp(expectedR / allPairs, 1e-12, 0.25) : 0;
            var converged = Math.Abs(nextM - match) <= 1e-9 * match && Math.Abs(nextR - related) <= 1e-9 * Math.Max(related, 1e-12);
            (match, related) = (nextM, nextR);
            if (converged) break;
        }
        return (match, related);
    }

    /// <summary>Per pattern, the natural-log likelihood ratios of the match and related classes against unrelated pairs.</summary>
    private static (double[] Match, double[] Related) Ratios(
        PatternTable patterns, PairComparer comparer, Dependences dependences, MatchClasses classes, double[][] u)
    {
        var fields = patterns.FieldCount;
        var match = new double[patterns.Count];
        var related = new double[patterns.Count];
        for (var p = 0; p < patterns.Count; p++)
        {
            var row = patterns.Levels.AsSpan(p * fields, fields);
            var offset = Math.Log(2) * dependences.Bits(row);
            double logM = offset, logR = offset;
            for (var f = 0; f < fields; f++)
            {
                var level = row[f];
                if (level < 0 || comparer[f].IsNeutral(level)) continue;
                logM += Math.Log(classes.M[f][level] / u[f][level]);
                if (classes.R is not null) logR += Math.Log(classes.R[f][level] / u[f][level]);
            }
            match[p] = logM;
            related[p] = logR;
        }
        return (match, related);
    }

    private static (double Match, double Related, double Unrelated) Posterior(double ratioM, double ratioR, double match, double related)
    {
        var a = Math.Log(match) + ratioM;
        var b = related > 0 ? Math.Log(related) + ratioR : double.NegativeInfinity;
        var c = Math.Log(1 - match - related);
        var top = Math.Max(c, Math.Max(a, b));
        double ea = Math.Exp(a - top), eb = Math.Exp(b - top), ec = Math.Exp(c - top);
        var sum = ea + eb + ec;
        return (ea / sum, eb / sum, ec / sum);
    }
}
