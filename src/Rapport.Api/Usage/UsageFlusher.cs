using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Data.Usage;

namespace Rapport.Api.Usage;

/// <summary>
/// Adds what this process recorded since its last flush to <c>api_usage_daily</c> every
/// <see cref="Interval"/>, at each UTC midnight (so a day's calls land on that day, give or take the
/// requests of the flush itself) and on shutdown. Never per request. The usage API reads the stored rows
/// and what is not flushed yet together (<see cref="ReadWithPendingAsync"/>), so a call made a moment ago shows up.
/// </summary>
public sealed class UsageFlusher(UsageRecorder recorder, Database db, RapportSettings settings, ILogger<UsageFlusher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<SeriesKey, SeriesCounts> _flushed = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// The stored rows that <paramref name="readStored"/> reads together with the counts recorded here and not flushed
    /// yet (as rows of today, UTC), read between flushes so that no count is in both or in neither.
    /// </summary>
    public async Task<List<UsageDay>> ReadWithPendingAsync(Func<CancellationToken, Task<List<UsageDay>>> readStored, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var stored = await readStored(ct);
            stored.AddRange(UsageRows.Of(Today(), Deltas(Snapshot())));
            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds the unflushed counts to the database now; returns the rows written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var snapshot = Snapshot();
            var rows = UsageRows.Of(Today(), Deltas(snapshot));
            if (rows.Count == 0) return 0;
            await db.WriteAsync(async (s, c) => { await ApiUsageStore.AddAsync(s, rows, c); return 0; }, ct);
            foreach (var (key, counts) in snapshot) _flushed[key] = counts;
            return rows.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Usage) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(NextDelay(DateTime.UtcNow), stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Could not add API usage to the database; it is kept and added with the next flush");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!settings.Usage) return;
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not add API usage to the database; it is kept and added with the next flush");
        }
    }

    /// <summary>The interval, shortened to end just after the next UTC midnight.</summary>
    public static TimeSpan NextDelay(DateTime utcNow)
    {
        var midnight = utcNow.Date.AddDays(1).AddMilliseconds(1);
        var untilMidnight = midnight - utcNow;
        return untilMidnight < Interval ? untilMidnight : Interval;
    }

    private List<(SeriesKey Key, SeriesCounts Counts)> Snapshot() => [.. recorder.Series().Select(s => (s.Key, s.Read()))];

    private IEnumerable<(SeriesKey Key, SeriesCounts Counts)> Deltas(List<(SeriesKey Key, SeriesCounts Counts)> snapshot) =>
        snapshot.Select(s => (s.Key, s.Counts.Minus(_flushed.GetValueOrDefault(s.Key, SeriesCounts.Zero))));

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
