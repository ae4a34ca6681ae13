namespace Rapport.Integration.Dedupe.Scoring;

/// <summary>A candidate pair that reached the threshold: rows (A &lt; B), log2 odds, bit mask of matched fields.</summary>
internal readonly record struct ScoredPair(int A, int B, double Log2Odds, ulong Matched);
