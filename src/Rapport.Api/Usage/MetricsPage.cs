using System.Diagnostics;
using System.Globalization;
using Rapport.Data.Changes;
using Rapport.Data.Webhooks;

namespace Rapport.Api.Usage;

/// <summary>
/// The text of <c>GET /metrics</c>: this process's requests (counted since it started, as Prometheus
/// counters are) and the database's figures shared by every server on it.
/// </summary>
public static class MetricsPage
{
    private static readonly string[] SubscriptionStatuses = [SubscriptionStatus.Active, SubscriptionStatus.Failing, SubscriptionStatus.Disabled];
    private static readonly string[] DeliveryStatuses = [DeliveryStatus.Pending, DeliveryStatus.Delivered, DeliveryStatus.Failed];

    public static string Build(IReadOnlyList<UsageSeries> series, DatabaseSnapshot db, string provider)
    {
        var text = new PrometheusText();
        var counts = series.Select(s => (s.Key, Counts: s.Read()))
            .OrderBy(s => s.Key.Operation, StringComparer.Ordinal).ThenBy(s => s.Key.Method, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Client, StringComparer.Ordinal).ThenBy(s => s.Key.Status).ToList();

        text.Family("rapport_http_requests_total", "counter", "HTTP requests answered by this process since it started, by protocol, operation, method, status and client.");
        foreach (var (key, c) in counts)
            text.Sample([("protocol", key.Protocol), ("operation", key.Operation), ("method", key.Method),
                ("status", key.Status.ToString(CultureInfo.InvariantCulture)), ("client", key.Client)], c.Calls);

        text.Family("rapport_http_request_duration_seconds", "histogram", "Time from a request's arrival to its handler's end, by protocol, operation and method.");
        foreach (var group in counts.GroupBy(s => (s.Key.Protocol, s.Key.Operation, s.Key.Method)))
        {
            var buckets = new long[LatencyBuckets.Count];
            long ticks = 0;
            foreach (var (_, c) in group)
            {
                for (var i = 0; i < buckets.Length; i++) buckets[i] += c.Buckets[i];
                ticks += c.SumTicks;
            }
            text.Histogram([("protocol", group.Key.Protocol), ("operation", group.Key.Operation), ("method", group.Key.Method)],
                buckets, LatencyBuckets.UpperBoundsSeconds, (double)ticks / Stopwatch.Frequency);
        }

        text.Family("rapport_db_info", "gauge", "The database this server uses (always 1).").Sample([("provider", provider)], 1);
        text.Family("rapport_db_up", "gauge", "1 when the last reading of the database figures below succeeded, 0 when it failed.").Sample([], db.Up ? 1 : 0);
        if (!db.Up) return text.ToString();

        text.Family("rapport_change_feed_last_seq", "gauge", "The seq of the newest change in the change feed.").Sample([], db.LastSeq);
        text.Family("rapport_change_consumer_position", "gauge", "The seq each change-feed consumer has handled up to (retention: the highest seq deleted).");
        foreach (var (consumer, position) in db.Consumers) text.Sample([("consumer", consumer)], position);
        text.Family("rapport_change_consumer_lag", "gauge", "Changes in the feed a consumer has not handled yet.");
        foreach (var (consumer, position) in db.Consumers.Where(c => c.Consumer != ChangeConsumers.Retention))
            text.Sample([("consumer", consumer)], Math.Max(0, db.LastSeq - position));

        text.Family("rapport_webhook_subscriptions", "gauge", "Webhook subscriptions by status (active, failing, disabled).");
        foreach (var (status, count) in WithKnown(db.Subscriptions, SubscriptionStatuses)) text.Sample([("status", status)], count);
        text.Family("rapport_webhook_deliveries", "gauge", "Webhook deliveries kept in the delivery log, by status (pending, delivered, failed).");
        foreach (var (status, count) in WithKnown(db.Deliveries, DeliveryStatuses)) text.Sample([("status", status)], count);

        text.Family("rapport_jobs", "gauge", "Import and export jobs kept, by kind and status.");
        foreach (var (kind, status, count) in db.Jobs) text.Sample([("kind", kind), ("status", status)], count);
        return text.ToString();
    }

    /// <summary>Every known status (0 when absent, so a series does not vanish), then any other the table holds.</summary>
    private static IEnumerable<(string Status, long Count)> WithKnown(IReadOnlyList<(string Status, long Count)> rows, string[] known) =>
        known.Select(k => (k, rows.Where(r => r.Status == k).Sum(r => r.Count)))
            .Concat(rows.Where(r => !known.Contains(r.Status)));
}
