using Rapport.Integration.Dedupe.Blocking;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Scoring;

namespace Rapport.Integration.Dedupe;

/// <summary>
/// Existing records prepared once (normalised values, the blocks of every rule) so that incoming records
/// (an import batch, a record being created) can be checked for duplicates in microseconds each, with a
/// model learned by an earlier scan. Immutable after <see cref="Build"/> and safe to share between threads.
/// </summary>
public sealed class DuplicateIndex
{
    private readonly MatchTable _table;
    private readonly MatchConfig _config;
    private readonly FeatureSet _set;
    private readonly PairScorer _scorer;
    private readonly RuleBlocks[] _blocks;
    private readonly FieldNames _names;

    private DuplicateIndex(MatchTable table, MatchConfig config, FeatureSet set, PairComparer comparer, TrainedModel model, RuleBlocks[] blocks)
    {
        _table = table;
        _config = config;
        _set = set;
        _scorer = new PairScorer(comparer, new MatchWeights(model, config.Fields, set.Count), config.Fields);
        _blocks = blocks;
        _names = new FieldNames(config.Fields);
    }

    public int Count => _set.Count;

    public static DuplicateIndex Build(MatchTable existing, MatchConfig config, TrainedModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        var comparer = new PairComparer(config);
        model.EnsureFits(config, comparer);
        var set = FeatureSet.Build(existing, config.Fields, keepLookups: true, config.Parallelism, ct);
        return new DuplicateIndex(existing, config, set, comparer, model, DuplicateScanner.BuildBlocks(set, config, ct));
    }

    /// <summary>
    /// The likely duplicates of one incoming record whose values follow the fields of the indexed table,
    /// most probable first, at most <paramref name="max"/>, all at or above the configured threshold.
    /// </summary>
    public IReadOnlyList<DuplicateCandidate> Check(ReadOnlySpan<string?> incoming, int max = 10)
    {
        var table = new MatchTable(_table.Fields, 1);
        table.Add(Guid.Empty, incoming);
        return Check(table, max)[0];
    }

    /// <summary>The likely duplicates of each incoming record (matched to the index's fields by name), in row order.</summary>
    public IReadOnlyList<IReadOnlyList<DuplicateCandidate>> Check(MatchTable incoming, int max = 10, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var probe = _set.Probe(incoming);
        var results = new IReadOnlyList<DuplicateCandidate>[incoming.Count];
        var minimum = MatchWeights.Log2Odds(_config.Threshold);
        var options = new ParallelOptions { MaxDegreeOfParallelism = _config.Parallelism, CancellationToken = ct };
        Parallel.For(0, incoming.Count, options,
            () => (Seen: new HashSet<int>(), Levels: new sbyte[_config.Fields.Count]),
            (row, _, local) =>
            {
                results[row] = CheckOne(probe, row, max, minimum, local.Seen, local.Levels);
                return local;
            },
            _ => { });
        return results;
    }

    private DuplicateCandidate[] CheckOne(FeatureSet probe, int row, int max, double minimum, HashSet<int> seen, sbyte[] levels)
    {
        seen.Clear();
        var found = new List<(int Row, double Score, ulong Matched)>();
        foreach (var blocks in _blocks)
        {
            var (start, end) = BlockLookup.Candidates(blocks, probe, row, _set);
            for (var i = start; i < end; i++)
            {
                var other = blocks.Order[i];
                if (!seen.Add(other)) continue;
                if (_scorer.TryScore(probe, row, _set, other, 1, minimum, levels, out var score, out var matched)) found.Add((other, score, matched));
            }
        }
        found.Sort((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Row.CompareTo(y.Row));
        var count = Math.Min(max, found.Count);
        var candidates = new DuplicateCandidate[count];
        for (var i = 0; i < count; i++)
        {
            var (other, score, matched) = found[i];
            candidates[i] = new DuplicateCandidate(other, _table.Id(other), MatchWeights.Probability(score), _names.Of(matched));
        }
        return candidates;
    }
}
