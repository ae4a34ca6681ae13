using Rapport.Data.Usage;

namespace Rapport.Api.Usage;

/// <summary>Folds per-status series counts into the day rows of <c>api_usage_daily</c>: one per client, protocol and operation, in key order.</summary>
public static class UsageRows
{
    public static List<UsageDay> Of(DateOnly day, IEnumerable<(SeriesKey Key, SeriesCounts Counts)> series)
    {
        var rows = new Dictionary<(string Client, string Protocol, string Operation), UsageDay>();
        foreach (var (key, counts) in series)
        {
            if (counts.IsEmpty) continue;
            var calls = counts.Calls;
            var add = new UsageDay(day, key.Client, key.Protocol, key.Operation, calls,
                key.Status >= 400 ? calls : 0, key.Status >= 500 ? calls : 0, LatencyBuckets.Microseconds(counts.SumTicks), counts.Buckets);
            var id = (key.Client, key.Protocol, key.Operation);
            rows[id] = rows.TryGetValue(id, out var row) ? Sum(row, add) : add;
        }
        // One order for every server, so two flushing at once on PostgreSQL lock the rows in the same order (no deadlock).
        return [.. rows.Values.OrderBy(r => r.ClientId, StringComparer.Ordinal).ThenBy(r => r.Protocol, StringComparer.Ordinal).ThenBy(r => r.Operation, StringComparer.Ordinal)];
    }

    /// <summary>Two rows of one day, client, protocol and operation added up.</summary>
    public static UsageDay Sum(UsageDay a, UsageDay b)
    {
        var buckets = new long[a.Buckets.Length];
        for (var i = 0; i < buckets.Length; i++) buckets[i] = a.Buckets[i] + b.Buckets[i];
        return a with
        {
            Calls = a.Calls + b.Calls,
            Errors = a.Errors + b.Errors,
            ServerErrors = a.ServerErrors + b.ServerErrors,
            DurationMicroseconds = a.DurationMicroseconds + b.DurationMicroseconds,
            Buckets = buckets,
        };
    }
}
