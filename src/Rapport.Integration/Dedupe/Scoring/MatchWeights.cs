using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Scoring;

/// <summary>
/// Turns a comparison vector into log2 match odds. Against unrelated records alone this is classic
/// Fellegi-Sunter: the prior plus log2(m / u) of each field's level, missing values adding nothing, plus
/// the dependence corrections. With a related class (households, colleagues) the odds are
/// λm·P(γ|match) / (λu·P(γ|unrelated) + λr·P(γ|related)), so a pair that shares an address but
/// not a first name or birth date is recognised as relatives rather than as a duplicate. Exact agreement
/// on a term-frequency field uses tf, the share of records holding the value, instead of u (Splink's
/// adjustment). An equal external id decides the match on its own. Fields whose level weighs for a
/// match are reported as the fields that matched.
/// </summary>
internal sealed class MatchWeights
{
    private readonly double[][] _match;
    private readonly double[][] _related;
    private readonly double[] _log2ExactM;
    private readonly double[] _log2ExactR;
    private readonly bool[] _termFrequency;
    private readonly bool[] _decisive;
    private readonly int _records;
    private readonly Dependences _dependences;
    private readonly double _log2PriorM;
    private readonly double _log2PriorU;
    private readonly double _log2PriorR;

    /// <summary>
    /// The evidence of an equal external id: that system's key names one record, so the pair matches
    /// whatever else differs (a record keeps its ERP id while its name is being corrected).
    /// </summary>
    private const double DecisiveBits = 1000;

    public MatchWeights(TrainedModel model, IReadOnlyList<MatchField> fields, int records)
    {
        _records = records;
        _dependences = new Dependences(model.Dependences, fields);
        var match = model.MatchPrior(records);
        var related = model.RelatedPrior(records);
        _log2PriorM = Math.Log2(match);
        _log2PriorR = related > 0 ? Math.Log2(related) : double.NegativeInfinity;
        _log2PriorU = Math.Log2(1 - match - related);
        var trained = model.Fields;
        _match = new double[trained.Count][];
        _related = new double[trained.Count][];
        _log2ExactM = new double[trained.Count];
        _log2ExactR = new double[trained.Count];
        _termFrequency = new bool[trained.Count];
        _decisive = new bool[trained.Count];
        for (var f = 0; f < trained.Count; f++)
        {
            _decisive[f] = trained[f].Kind == MatchKind.ExternalId;
            _match[f] = trained[f].Levels.Select(l => l.Weight).ToArray();
            _related[f] = trained[f].Levels.Select(l => Math.Log2(l.R / l.U)).ToArray();
            _log2ExactM[f] = Math.Log2(trained[f].Levels[0].M);
            _log2ExactR[f] = Math.Log2(trained[f].Levels[0].R);
            _termFrequency[f] = trained[f].TermFrequencies;
        }
        MaxLevelWeight = _match.Select(w => w.Skip(1).DefaultIfEmpty(double.NegativeInfinity).Max()).ToArray();
    }

    /// <summary>Per field, the highest match weight of a level below exact: a bound for pruning hopeless pairs.</summary>
    public double[] MaxLevelWeight { get; }

    /// <summary>The most the dependence corrections can add.</summary>
    public double MaxDependenceBits => _dependences.MaxBits;

    /// <summary>The match weight of a field's level; for exact agreement on a term-frequency field, of the agreeing value.</summary>
    public double Weight(int f, int level, FeatureSet right, int b, int extra)
    {
        if (level == 0 && _decisive[f]) return DecisiveBits;
        if (level != 0 || !_termFrequency[f]) return _match[f][level];
        return _log2ExactM[f] - Math.Log2((double)(Count(f, right, b) + extra) / (_records + extra));
    }

    /// <summary>The highest log2 odds a pair with this much match evidence can have, whatever its related evidence.</summary>
    public double OddsBound(double match) => _log2PriorM + match - _log2PriorU;

    /// <summary>
    /// Log2 odds that the pair matches. <paramref name="right"/> and <paramref name="b"/> locate the
    /// indexed record whose value counts give term frequencies; <paramref name="extra"/> is 1 when the
    /// other record is not part of the counted table (a check of an incoming record).
    /// </summary>
    public double Score(ReadOnlySpan<sbyte> levels, FeatureSet right, int b, int extra, out ulong matched)
    {
        var bits = _dependences.Bits(levels);
        double match = bits, related = bits;
        matched = 0;
        for (var f = 0; f < levels.Length; f++)
        {
            var level = levels[f];
            if (level < 0) continue;
            var weight = _match[f][level];
            var relatedWeight = _related[f][level];
            if (level == 0 && _decisive[f])
            {
                weight = DecisiveBits;
            }
            else if (level == 0 && _termFrequency[f])
            {
                var share = Math.Log2((double)(Count(f, right, b) + extra) / (_records + extra));
                weight = _log2ExactM[f] - share;
                relatedWeight = _log2ExactR[f] - share;
            }
            match += weight;
            related += relatedWeight;
            if (weight > 0) matched |= 1UL << f;
        }
        return Odds(match, related);
    }

    /// <summary>Log2 odds from the summed evidence for a match and for a related pair.</summary>
    public double Odds(double match, double related)
    {
        if (double.IsNegativeInfinity(_log2PriorR)) return _log2PriorM + match - _log2PriorU;
        var x = _log2PriorU;
        var y = _log2PriorR + related;
        var denominator = Math.Max(x, y) + Math.Log2(1 + Math.Pow(2, -Math.Abs(x - y)));
        return _log2PriorM + match - denominator;
    }

    private static int Count(int f, FeatureSet set, int row) => set.Columns[f].Get(set.Rows[row * set.Fields.Count + f]).Count;

    public static double Probability(double log2Odds) => 1 / (1 + Math.Pow(2, -log2Odds));

    public static double Log2Odds(double probability) => Math.Log2(probability / (1 - probability));
}
