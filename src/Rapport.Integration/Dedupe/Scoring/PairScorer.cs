using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Scoring;

/// <summary>
/// Compares and scores a pair, giving up as soon as it cannot reach the threshold. Missing and equal
/// values are settled first (integer checks); the other fields are compared cheapest kind first, each
/// counted at its best possible non-exact weight until compared. Most candidate pairs are hopeless
/// namesakes, and this spares them the string comparisons of streets and names. Only pairs that still
/// can reach the threshold are scored in full (dependences and the related class included).
/// </summary>
internal sealed class PairScorer
{
    private const sbyte Pending = -2;

    private readonly PairComparer _comparer;
    private readonly MatchWeights _weights;
    private readonly int[] _order;
    private readonly double _dependences;

    public PairScorer(PairComparer comparer, MatchWeights weights, IReadOnlyList<MatchField> fields)
    {
        _comparer = comparer;
        _weights = weights;
        _order = Enumerable.Range(0, fields.Count).OrderBy(f => Cost(fields[f].Kind)).ThenBy(f => f).ToArray();
        _dependences = weights.MaxDependenceBits;
    }

    /// <summary>Whether the pair reaches <paramref name="minimum"/> log2 odds; if so its score and matched fields.</summary>
    public bool TryScore(
        FeatureSet left, int a, FeatureSet right, int b, int extra, double minimum, Span<sbyte> levels, out double score, out ulong matched)
    {
        score = double.NegativeInfinity;
        matched = 0;
        var known = _dependences;
        var pending = 0.0;
        var width = levels.Length;
        var rowA = left.Rows.AsSpan(a * width, width);
        var rowB = right.Rows.AsSpan(b * width, width);
        for (var f = 0; f < width; f++)
        {
            var ida = rowA[f];
            var idb = rowB[f];
            if (ida == 0 || idb == 0)
            {
                levels[f] = FieldComparator.Neutral;
            }
            else if (ida == idb)
            {
                levels[f] = 0;
                known += _weights.Weight(f, 0, right, b, extra);
            }
            else
            {
                levels[f] = Pending;
                pending += _weights.MaxLevelWeight[f];
            }
        }
        if (_weights.OddsBound(known + pending) < minimum) return false;
        foreach (var f in _order)
        {
            if (levels[f] != Pending) continue;
            var level = _comparer.Level(f, left, a, right, b);
            levels[f] = (sbyte)level;
            pending -= _weights.MaxLevelWeight[f];
            if (level >= 0) known += _weights.Weight(f, level, right, b, extra);
            if (_weights.OddsBound(known + pending) < minimum) return false;
        }
        score = _weights.Score(levels, right, b, extra, out matched);
        return score >= minimum;
    }

    private static int Cost(MatchKind kind) => kind switch
    {
        MatchKind.Exact or MatchKind.ExternalId or MatchKind.Domain or MatchKind.Date or MatchKind.Number => 0,
        MatchKind.Identifier or MatchKind.Postcode or MatchKind.Phone or MatchKind.Email => 1,
        MatchKind.Name => 2,
        _ => 3,
    };
}
