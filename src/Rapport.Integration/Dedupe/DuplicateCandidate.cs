namespace Rapport.Integration.Dedupe;

/// <summary>An existing record that an incoming record probably duplicates, with the evidence.</summary>
public sealed record DuplicateCandidate(int Row, Guid Id, double Probability, IReadOnlyList<string> MatchedFields);
