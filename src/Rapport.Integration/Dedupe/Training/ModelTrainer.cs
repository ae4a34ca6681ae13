using Rapport.Integration.Dedupe.Blocking;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Scoring;

namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// Learns the Fellegi-Sunter model without labels, the way Splink does, plus corrections for fields that
/// depend on each other and for related records:
/// <list type="number">
/// <item>u, and the dependence tree between fields, from random pairs (leaving out pairs that agree too
/// improbably to be chance, see <see cref="LevelStatistics"/>);</item>
/// <item>m (and r, for households and colleagues) by one EM session per blocking rule, over a sample of
/// that rule's pairs, leaving out the fields the rule selected on (they agree by construction there;
/// fields depending on them are handled by the tree), averaged over sessions weighted by the pairs each
/// assigned to the class;</item>
/// <item>the priors by a fixed point over the deduplicated candidate pairs: the share of all pairs that
/// match is the expected number of matches among candidates over the number of all pairs.</item>
/// </list>
/// </summary>
internal static class ModelTrainer
{
    public static TrainedModel Train(
        FeatureSet set, MatchConfig config, PairComparer comparer, RuleBlocks[] rules, Action<double> progress, CancellationToken ct)
    {
        var parallelism = config.Parallelism;
        var codec = new PatternCodec(comparer);
        var random = PatternTable.From(RandomPairs.Patterns(set, comparer, codec, config.RandomPairs, parallelism, ct), codec);
        progress(0.4);
        var counted = RulePatterns.Count(set, comparer, codec, rules, config.TrainingPairsPerRule, parallelism, ct);
        progress(0.9);
        var sessions = counted.PerRule.Select(c => PatternTable.From(c, codec)).ToArray();
        var union = PatternTable.From(counted.Union, codec);
        var start = Enumerable.Range(0, comparer.FieldCount).Select(f => comparer[f].StartingM()).ToArray();
        var levelCounts = Enumerable.Range(0, comparer.FieldCount).Select(f => comparer[f].Levels.Count).ToArray();
        var allPairs = (double)set.Count * (set.Count - 1) / 2;
        var shared = SharedFields(config);

        var u = LevelStatistics.From(random, levelCounts, null).Probabilities();
        u = LevelStatistics.From(random, levelCounts, u).Probabilities();
        var statistics = LevelStatistics.From(random, levelCounts, u);
        u = statistics.Probabilities();
        var dependenceList = DependenceTree.Build(statistics, config.Fields);
        var dependences = new Dependences(dependenceList, config.Fields);
        var classes = EstimateClasses(sessions, rules, comparer, dependences, shared, u, start);
        var prior = EstimatePrior(union, comparer, dependences, classes, u, allPairs);
        var perRecord = Math.Max(1, set.Count - 1);
        return Model(config, comparer, classes, u, dependenceList, prior.Match * perRecord, prior.Related * perRecord, set.Count);
    }

    /// <summary>m per field and level, and r for the related class when the sessions found one.</summary>
    private sealed record Classes(double[][] M, double[][]? R);

    private static Classes EstimateClasses(
        PatternTable[] sessions, RuleBlocks[] rules, PairComparer comparer, Dependences dependences, bool[] shared, double[][] u, double[][] start)
    {
        var fields = comparer.FieldCount;
        var relatedStart = new double[fields][];
        for (var f = 0; f < fields; f++)
        {
            relatedStart[f] = shared[f] ? ExpectationMaximisation.Clamped(start[f].Select((m, l) => (m + u[f][l]) / 2).ToArray()) : (double[])u[f].Clone();
        }
        var matches = new WeightedMean(start);
        var related = new WeightedMean(start);
        for (var r = 0; r < sessions.Length; r++)
        {
            var patterns = sessions[r];
            if (patterns.Count == 0) continue;
            var active = new bool[fields];
            for (var f = 0; f < fields; f++) active[f] = comparer[f].Trainable && !rules[r].Rule.Uses(f);
            if (!active.Contains(true)) continue;
            var offsets = new double[patterns.Count];
            for (var p = 0; p < offsets.Length; p++)
            {
                offsets[p] = Math.Log(2) * dependences.Bits(patterns.Levels.AsSpan(p * fields, fields), active);
            }
            var result = ExpectationMaximisation.Run(patterns, active, u, offsets, start, relatedStart, shared);
            if (!IsRelatedClass(result, active, shared, u))
            {
                result = ExpectationMaximisation.Run(patterns, active, u, offsets, start, null, null);
            }
            matches.Add(result.M, result.ExpectedMatches, active);
            if (result.R is not null) related.Add(result.R, result.ExpectedRelated, active);
        }
        return new Classes(matches.Result(start), related.Any ? related.Result(u) : null);
    }

    /// <summary>
    /// Whether EM's related class found different entities sharing attributes (households, colleagues):
    /// enough pairs, and on some shared field they agree far more often than random pairs.
    /// </summary>
    private static bool IsRelatedClass(ExpectationMaximisation.Result result, bool[] active, bool[] shared, double[][] u)
    {
        if (result.R is null || result.ExpectedRelated < Math.Max(5, 0.01 * result.ExpectedMatches)) return false;
        for (var f = 0; f < active.Length; f++)
        {
            if (active[f] && shared[f] && result.R[f][0] >= 10 * u[f][0]) return true;
        }
        return false;
    }

    /// <summary>
    /// Fields that several people may share: everything except what identifies an individual (email,
    /// dates, identifiers, external ids, the given name). Without any individual field a related class
    /// could not be told from the matches, so then none is learned.
    /// </summary>
    private static bool[] SharedFields(MatchConfig config)
    {
        var shared = new bool[config.Fields.Count];
        var individual = 0;
        for (var f = 0; f < shared.Length; f++)
        {
            var field = config.Fields[f];
            var personal = field.Kind is MatchKind.Email or MatchKind.Date or MatchKind.Identifier or MatchKind.ExternalId
                || (field.Kind == MatchKind.Name && (config.SwappableNames is not { } pair || pair.First == field.Name));
            shared[f] = !personal;
            if (personal) individual++;
        }
        if (individual == 0) Array.Clear(shared);
        return shared;
    }

    /// <summary>
    /// Solves λ = E[class members among candidates | λ] / all pairs by iteration, for matches and related
    /// pairs at once: the shares among all pairs, since nearly every member of either class is a candidate.
    /// </summary>
    private static (double Match, double Related) EstimatePrior(
        PatternTable union, PairComparer comparer, Dependences dependences, Classes classes, double[][] u, double allPairs)
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
        PatternTable patterns, PairComparer comparer, Dependences dependences, Classes classes, double[][] u)
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

    private static TrainedModel Model(
        MatchConfig config, PairComparer comparer, Classes classes, double[][] u, List<FieldDependence> dependences,
        double matchesPerRecord, double relatedPerRecord, int records)
    {
        var fields = new FieldModel[comparer.FieldCount];
        for (var f = 0; f < fields.Length; f++)
        {
            var comparator = comparer[f];
            var levels = new LevelModel[comparator.Levels.Count];
            for (var l = 0; l < levels.Length; l++)
            {
                var neutral = comparator.IsNeutral(l);
                var m = neutral ? u[f][l] : classes.M[f][l];
                var r = neutral || classes.R is null ? u[f][l] : classes.R[f][l];
                levels[l] = new LevelModel(comparator.Levels[l], m, u[f][l], r);
            }
            var field = config.Fields[f];
            fields[f] = new FieldModel(field.Name, field.Kind, config.TermFrequencies && TermFrequencyKind(field.Kind), levels);
        }
        return new TrainedModel
        {
            Fields = fields,
            Dependences = dependences,
            MatchesPerRecord = matchesPerRecord,
            RelatedPerRecord = relatedPerRecord,
            TrainedRecords = records,
        };
    }

    private static bool TermFrequencyKind(MatchKind kind) => kind is MatchKind.Name or MatchKind.Text or MatchKind.CompanyName
        or MatchKind.Street or MatchKind.Postcode or MatchKind.Exact or MatchKind.Domain;
}
