namespace Rapport.Data.Usage;

/// <summary>
/// One row of <c>api_usage_daily</c>: what one client did with one operation on one UTC day, or, when
/// written, the counts to add to it. <see cref="Buckets"/> holds <see cref="ApiUsageStore.BucketCount"/>
/// latency bands (calls per band, not cumulative); their sum is <see cref="Calls"/>.
/// </summary>
public sealed record UsageDay(
    DateOnly Day,
    string ClientId,
    string Protocol,
    string Operation,
    long Calls,
    long Errors,
    long ServerErrors,
    long DurationMicroseconds,
    long[] Buckets);
