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
        FeatureSet set, MatchConfig config, PairComparer comparer, RuleBlocks[] rules, EarlierRules earlier, Action<double> progress,
        CancellationToken ct)
    {
        var parallelism = config.Parallelism;
        var codec = new PatternCodec(comparer);
        var random = PatternTable.From(RandomPairs.Patterns(set, comparer, codec, config.RandomPairs, parallelism, ct), codec);
        progress(0.4);
        var counted = RulePatterns.Count(set, comparer, codec, rules, earlier, config.TrainingPairsPerRule, parallelism, ct);
        progress(0.9);
        var sessions = counted.PerRule.Select(c => PatternTable.From(c, codec)).ToArray();
        var union = PatternTable.From(counted.Union, codec);
        var start = Enumerable.Range(0, comparer.FieldCount).Select(f => comparer[f].StartingM()).ToArray();
        var levelCounts = Enumerable.Range(0, comparer.FieldCount).Select(f => comparer[f].Levels.Count).ToArray();
        var allPairs = (double)set.Count * (set.Count - 1) / 2;

        var u = LevelStatistics.From(random, levelCounts, null).Probabilities();
        u = LevelStatistics.From(random, levelCounts, u).Probabilities();
        var statistics = LevelStatistics.From(random, levelCounts, u);
        u = statistics.Probabilities();
        var dependenceList = DependenceTree.Build(statistics, config.Fields);
        var dependences = new Dependences(dependenceList, config.Fields);
        var classes = MatchClasses.Estimate(sessions, rules, comparer, dependences, config, u, start);
        var prior = Priors.Estimate(union, comparer, dependences, classes, u, allPairs);
        var perRecord = Math.Max(1, set.Count - 1);
        return Model(config, comparer, classes, u, dependenceList, prior.Match * perRecord, prior.Related * perRecord, set.Count);
    }

    private static TrainedModel Model(
        MatchConfig config, PairComparer comparer, MatchClasses classes, double[][] u, List<FieldDependence> dependences,
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
