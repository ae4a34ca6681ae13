namespace Rapport.Integration.Dedupe;

/// <summary>What a scan cost, per blocking rule too, so an admin can see which rule drives the work.</summary>
public sealed record ScanStatistics(int Records, long ComparedPairs, IReadOnlyList<RuleStatistics> Rules, TimeSpan Elapsed);

/// <summary>Pairs a blocking rule generated, and how many of them no earlier rule had found.</summary>
public sealed record RuleStatistics(string Rule, long Pairs, long NewPairs);
