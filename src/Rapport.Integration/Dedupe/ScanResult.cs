namespace Rapport.Integration.Dedupe;

/// <summary>
/// The outcome of a duplicate scan: the clusters a user reviews, the scored pairs behind them, and the
/// model learned on the way, which <see cref="DuplicateIndex"/> reuses to check incoming records.
/// </summary>
public sealed record ScanResult(
    IReadOnlyList<DuplicateCluster> Clusters, IReadOnlyList<DuplicatePair> Pairs, TrainedModel Model, ScanStatistics Statistics);
