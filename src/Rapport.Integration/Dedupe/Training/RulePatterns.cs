using System.Runtime.InteropServices;
using Rapport.Integration.Dedupe.Blocking;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// Compares a deterministic sample of each rule's candidate pairs and counts their patterns twice: all
/// pairs of the rule (for that rule's EM session) and the pairs no earlier rule generated, weighted up
/// by the sampling rate, which stand for the whole deduplicated candidate set (for the prior).
/// </summary>
internal sealed class RulePatterns
{
    private RulePatterns(Dictionary<UInt128, double>[] perRule, Dictionary<UInt128, double> union)
    {
        PerRule = perRule;
        Union = union;
    }

    public Dictionary<UInt128, double>[] PerRule { get; }

    public Dictionary<UInt128, double> Union { get; }

    public static RulePatterns Count(
        FeatureSet set, PairComparer comparer, PatternCodec codec, RuleBlocks[] rules, EarlierRules earlier, int pairsPerRule, int parallelism,
        CancellationToken ct)
    {
        var rates = new double[rules.Length];
        var work = new List<(int Rule, int Start, int End)>();
        for (var r = 0; r < rules.Length; r++)
        {
            var pairs = rules[r].PairCount();
            rates[r] = pairs <= pairsPerRule ? 1.0 : (double)pairsPerRule / pairs;
            foreach (var (start, end) in rules[r].Partition(64)) work.Add((r, start, end));
        }

        var all = new Dictionary<UInt128, long>[rules.Length];
        var first = new Dictionary<UInt128, long>[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            all[r] = [];
            first[r] = [];
        }
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        Parallel.For(0, work.Count, options,
            () => new Local(rules.Length),
            (i, _, local) =>
            {
                var (r, start, end) = work[i];
                var visitor = new Visitor(set, comparer, codec, earlier, r, rates[r], local);
                PairEnumerator.Enumerate(rules[r], start, end, ref visitor);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var r = 0; r < rules.Length; r++)
                    {
                        Add(all[r], local.All[r]);
                        Add(first[r], local.First[r]);
                    }
                }
            });

        var perRule = new Dictionary<UInt128, double>[rules.Length];
        var union = new Dictionary<UInt128, double>();
        for (var r = 0; r < rules.Length; r++)
        {
            perRule[r] = all[r].ToDictionary(p => p.Key, p => (double)p.Value);
            foreach (var (key, count) in first[r])
            {
                CollectionsMarshal.GetValueRefOrAddDefault(union, key, out _) += count / rates[r];
            }
        }
        return new RulePatterns(perRule, union);
    }

    private static void Add(Dictionary<UInt128, long> target, Dictionary<UInt128, long> source)
    {
        foreach (var (key, count) in source) CollectionsMarshal.GetValueRefOrAddDefault(target, key, out _) += count;
    }

    private sealed class Local
    {
        public Local(int rules)
        {
            All = new Dictionary<UInt128, long>[rules];
            First = new Dictionary<UInt128, long>[rules];
            for (var r = 0; r < rules; r++)
            {
                All[r] = [];
                First[r] = [];
            }
        }

        public Dictionary<UInt128, long>[] All { get; }

        public Dictionary<UInt128, long>[] First { get; }

        public sbyte[] Levels { get; set; } = [];
    }

    private readonly struct Visitor : IPairVisitor
    {
        private readonly FeatureSet _set;
        private readonly PairComparer _comparer;
        private readonly PatternCodec _codec;
        private readonly EarlierRules _earlier;
        private readonly int _rule;
        private readonly ulong _limit;
        private readonly Dictionary<UInt128, long> _all;
        private readonly Dictionary<UInt128, long> _first;
        private readonly sbyte[] _levels;

        public Visitor(FeatureSet set, PairComparer comparer, PatternCodec codec, EarlierRules earlier, int rule, double rate, Local local)
        {
            _set = set;
            _comparer = comparer;
            _codec = codec;
            _earlier = earlier;
            _rule = rule;
            _limit = rate >= 1 ? ulong.MaxValue : (ulong)(rate * ulong.MaxValue);
            _all = local.All[rule];
            _first = local.First[rule];
            if (local.Levels.Length != comparer.FieldCount) local.Levels = new sbyte[comparer.FieldCount];
            _levels = local.Levels;
        }

        public void Visit(int a, int b)
        {
            if (a > b) (a, b) = (b, a);
            if (_limit != ulong.MaxValue && Hashing.Pair(a, b) > _limit) return;
            _comparer.Compare(_set, a, _set, b, _levels);
            var key = _codec.Encode(_levels);
            CollectionsMarshal.GetValueRefOrAddDefault(_all, key, out _)++;
            if (_earlier.Generated(_rule, a, b)) return;
            CollectionsMarshal.GetValueRefOrAddDefault(_first, key, out _)++;
        }
    }
}
