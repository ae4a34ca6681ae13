namespace Rapport.Integration.Dedupe;

/// <summary>
/// Two records (by row in the scanned table and by id) judged likely duplicates, with the match
/// probability and the fields whose agreement spoke for it, so a user can see why.
/// </summary>
public sealed record DuplicatePair(int RowA, int RowB, Guid IdA, Guid IdB, double Probability, IReadOnlyList<string> MatchedFields);
