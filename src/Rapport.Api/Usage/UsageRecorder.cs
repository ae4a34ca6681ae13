using System.Collections.Concurrent;

namespace Rapport.Api.Usage;

/// <summary>
/// This process's request counts since it started, one <see cref="UsageSeries"/> per operation, method, client
/// and status: what <c>/metrics</c> shows and what the flusher adds to <c>api_usage_daily</c>. Recording a
/// request is one dictionary lookup and two interlocked additions; a new series is created once.
/// </summary>
public sealed class UsageRecorder
{
    private readonly ConcurrentDictionary<SeriesKey, UsageSeries> _series = new();

    public void Record(string operation, string method, string client, int status, long elapsedTicks)
    {
        var key = new SeriesKey(operation, method, client, status);
        if (!_series.TryGetValue(key, out var series))
            series = _series.GetOrAdd(key, k => new UsageSeries(k));
        series.Add(elapsedTicks);
    }

    /// <summary>Every series so far (a moment's view; series created meanwhile may or may not be in it).</summary>
    public IReadOnlyList<UsageSeries> Series() => [.. _series.Values];
}
