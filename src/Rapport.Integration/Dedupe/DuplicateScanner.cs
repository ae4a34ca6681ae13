using System.Diagnostics;
using Rapport.Integration.Dedupe.Blocking;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Scoring;
using Rapport.Integration.Dedupe.Training;

namespace Rapport.Integration.Dedupe;

/// <summary>
/// Finds duplicate records within one table: normalise every field once, block, learn the model from
/// the data (unless one is given), score the candidate pairs, cluster. Pure and in memory: the caller
/// loads the records and stores the results.
/// </summary>
public sealed class DuplicateScanner
{
    /// <summary>Scans with a model learned from this table.</summary>
    public ScanResult Scan(MatchTable table, MatchConfig config, IProgress<ScanProgress>? progress = null, CancellationToken ct = default) =>
        Run(table, config, null, progress, ct);

    /// <summary>Scans with a model learned before (a scan of the same kind of records), skipping training.</summary>
    public ScanResult Scan(MatchTable table, MatchConfig config, TrainedModel model, IProgress<ScanProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(table, config, model, progress, ct);
    }

    private static ScanResult Run(MatchTable table, MatchConfig config, TrainedModel? model, IProgress<ScanProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(config);
        var clock = Stopwatch.StartNew();
        var parallelism = config.Parallelism;
        Report(progress, ScanStage.Preparing, 0);
        var comparer = new PairComparer(config);
        model?.EnsureFits(config, comparer);
        var set = FeatureSet.Build(table, config.Fields, keepLookups: false, parallelism, ct);

        Report(progress, ScanStage.Blocking, 0);
        var blocks = BuildBlocks(set, config, ct);
        var earlier = new EarlierRules(blocks, set.Count);

        Report(progress, ScanStage.Training, 0);
        model ??= ModelTrainer.Train(set, config, comparer, blocks, earlier, f => Report(progress, ScanStage.Training, f), ct);

        Report(progress, ScanStage.Scoring, 0);
        var weights = new MatchWeights(model, config.Fields, set.Count);
        var scorer = new PairScorer(comparer, weights, config.Fields);
        var scored = CandidateScorer.Score(
            set, scorer, blocks, earlier, config.Threshold, parallelism, f => Report(progress, ScanStage.Scoring, f), ct);

        Report(progress, ScanStage.Clustering, 0);
        var names = new FieldNames(config.Fields);
        var pairs = new DuplicatePair[scored.Pairs.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            var p = scored.Pairs[i];
            pairs[i] = new DuplicatePair(p.A, p.B, table.Id(p.A), table.Id(p.B), MatchWeights.Probability(p.Log2Odds), names.Of(p.Matched));
        }
        var clusters = Clusterer.Build(scored.Pairs, set.Count).Select(c => Cluster(c, table, pairs, scored.Pairs, names)).ToArray();

        var rules = new RuleStatistics[blocks.Length];
        for (var r = 0; r < rules.Length; r++) rules[r] = new RuleStatistics(blocks[r].Rule.Rule.ToString(), scored.Generated[r], scored.Compared[r]);
        var statistics = new ScanStatistics(set.Count, scored.Compared.Sum(), rules, clock.Elapsed);
        Report(progress, ScanStage.Clustering, 1);
        return new ScanResult(clusters, pairs, model, statistics);
    }

    internal static RuleBlocks[] BuildBlocks(FeatureSet set, MatchConfig config, CancellationToken ct)
    {
        var blocks = new RuleBlocks[config.BlockingRules.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = config.Parallelism, CancellationToken = ct };
        Parallel.For(0, blocks.Length, options, r =>
            blocks[r] = RuleBlocks.Build(set, new CompiledRule(config.BlockingRules[r], config), config.MaxBlockSize, config.Window));
        return blocks;
    }

    private static DuplicateCluster Cluster(
        Clusterer.Cluster cluster, MatchTable table, DuplicatePair[] pairs, List<ScoredPair> scored, FieldNames names)
    {
        var common = ulong.MaxValue;
        var links = new DuplicatePair[cluster.Links.Length];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = pairs[cluster.Links[i]];
            common &= scored[cluster.Links[i]].Matched;
        }
        var ids = Array.ConvertAll(cluster.Rows, table.Id);
        return new DuplicateCluster(cluster.Rows, ids, MatchWeights.Probability(cluster.Log2Odds), names.Of(common), links);
    }

    private static void Report(IProgress<ScanProgress>? progress, ScanStage stage, double fraction) =>
        progress?.Report(new ScanProgress(stage, fraction));
}
