using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

/// <summary>Pairwise precision, recall and F1 of found duplicate pairs against known entities.</summary>
internal sealed record PairMetrics(long TruePairs, long FoundPairs, long Correct)
{
    public double Precision => FoundPairs == 0 ? 1 : (double)Correct / FoundPairs;

    public double Recall => TruePairs == 0 ? 1 : (double)Correct / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static PairMetrics OfPairs<T>(IReadOnlyList<T> entities, IEnumerable<(int A, int B)> found)
        where T : IEquatable<T>
    {
        var unique = found.Select(p => p.A < p.B ? (p.A, p.B) : (A: p.B, B: p.A)).ToHashSet();
        var correct = unique.LongCount(p => entities[p.A].Equals(entities[p.B]));
        return new PairMetrics(CountTruePairs(entities), unique.Count, correct);
    }

    /// <summary>The pairs a user sees: every two members of a cluster.</summary>
    public static PairMetrics OfClusters<T>(IReadOnlyList<T> entities, IEnumerable<DuplicateCluster> clusters)
        where T : IEquatable<T> =>
        OfPairs(entities, clusters.SelectMany(c =>
            from i in Enumerable.Range(0, c.Rows.Count)
            from j in Enumerable.Range(i + 1, c.Rows.Count - i - 1)
            select (c.Rows[i], c.Rows[j])));

    public override string ToString() =>
        $"precision {Precision:F4}, recall {Recall:F4}, F1 {F1:F4} ({Correct} of {FoundPairs} found pairs correct, {TruePairs} true pairs)";

    private static long CountTruePairs<T>(IReadOnlyList<T> entities) where T : IEquatable<T> =>
        entities.GroupBy(e => e).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
}
