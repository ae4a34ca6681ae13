namespace Rapport.Integration.Dedupe;

/// <summary>
/// Records that belong together: every member is joined to the others by a chain of
/// <see cref="Links"/> (the strongest pairs connecting them). <see cref="Score"/> is the probability of
/// the weakest link, so one doubtful link lowers the whole cluster. <see cref="MatchedFields"/> are the
/// fields that agreed on every link.
/// </summary>
public sealed record DuplicateCluster(
    IReadOnlyList<int> Rows, IReadOnlyList<Guid> Ids, double Score, IReadOnlyList<string> MatchedFields, IReadOnlyList<DuplicatePair> Links);
