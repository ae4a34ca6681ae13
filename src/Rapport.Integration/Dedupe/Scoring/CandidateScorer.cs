using Rapport.Integration.Dedupe.Blocking;
using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Scoring;

/// <summary>
/// The scan's main pass: every candidate pair of every rule, skipping pairs an earlier rule already
/// generated, compared and scored in parallel over block-aligned ranges; only pairs at or above the
/// threshold are kept, so memory follows the number of duplicates, not of candidates.
/// </summary>
internal static class CandidateScorer
{
    public sealed record Outcome(List<ScoredPair> Pairs, long[] Generated, long[] Compared);

    public static Outcome Score(
        FeatureSet set, PairScorer scorer, RuleBlocks[] rules, EarlierRules earlier, double threshold,
        int parallelism, Action<double> progress, CancellationToken ct)
    {
        var work = new List<(int Rule, int Start, int End)>();
        for (var r = 0; r < rules.Length; r++)
        {
            foreach (var (start, end) in rules[r].Partition(256)) work.Add((r, start, end));
        }
        var minimum = MatchWeights.Log2Odds(threshold);
        var pairs = new List<ScoredPair>();
        var generated = new long[rules.Length];
        var compared = new long[rules.Length];
        var gate = new object();
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        Parallel.For(0, work.Count, options,
            () => new Local(set.Fields.Count, rules.Length),
            (i, _, local) =>
            {
                var (r, start, end) = work[i];
                var visitor = new Visitor(set, scorer, earlier, r, minimum, local);
                PairEnumerator.Enumerate(rules[r], start, end, ref visitor);
                progress((double)Interlocked.Increment(ref done) / work.Count);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    pairs.AddRange(local.Pairs);
                    for (var r = 0; r < rules.Length; r++)
                    {
                        generated[r] += local.Generated[r];
                        compared[r] += local.Compared[r];
                    }
                }
            });
        pairs.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        return new Outcome(pairs, generated, compared);
    }

    private sealed class Local(int fields, int rules)
    {
        public sbyte[] Levels { get; } = new sbyte[fields];

        public List<ScoredPair> Pairs { get; } = [];

        public long[] Generated { get; } = new long[rules];

        public long[] Compared { get; } = new long[rules];
    }

    private readonly struct Visitor(FeatureSet set, PairScorer scorer, EarlierRules earlier, int rule, double minimum, Local local) : IPairVisitor
    {
        public void Visit(int a, int b)
        {
            local.Generated[rule]++;
            if (earlier.Generated(rule, a, b)) return;
            local.Compared[rule]++;
            if (!scorer.TryScore(set, a, set, b, 0, minimum, local.Levels, out var score, out var matched)) return;
            local.Pairs.Add(a < b ? new ScoredPair(a, b, score, matched) : new ScoredPair(b, a, score, matched));
        }
    }
}
