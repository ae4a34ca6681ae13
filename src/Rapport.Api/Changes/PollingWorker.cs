using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;

namespace Rapport.Api.Changes;

/// <summary>
/// A background dispatcher of <c>rapport serve</c> and <c>rapport worker</c>: runs its step again at
/// once while there is work, otherwise waits for a local write or the poll interval; a failing step
/// (database or target down) is retried with growing pauses and never stops the process.
/// </summary>
public abstract class PollingWorker(Database db, RapportSettings settings, ILogger log) : BackgroundService
{
    protected Database Db { get; } = db;

    protected RapportSettings Settings { get; } = settings;

    /// <summary>How often to look for work written by other processes.</summary>
    protected abstract TimeSpan Poll { get; }

    /// <summary>The longest pause after failures in a row (the pause doubles from a quarter of a second).</summary>
    protected virtual TimeSpan MaxPause => TimeSpan.FromSeconds(30);

    /// <summary>Whether this worker has anything to do with this configuration (and database).</summary>
    protected virtual bool Enabled => true;

    /// <summary>What wakes the worker before its poll interval: by default, a write committed by this process.</summary>
    protected virtual Task Wakeup() => Db.ChangesVisible.Next();

    /// <summary>One step; true when it did work, so the next step should follow at once.</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Workers || !Enabled) return;
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = Wakeup();
            try
            {
                var busy = await RunOnceAsync(stoppingToken);
                failures = 0;
                if (busy) continue;
                await ChangeSignal.WaitAsync(next, Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                failures++;
                var pause = TimeSpan.FromMilliseconds(Math.Min(MaxPause.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 8))));
                if (failures <= 3 || failures % 20 == 0) log.LogWarning(e, "{Worker} failed ({Failures} in a row); retrying in {Pause}", GetType().Name, failures, pause);
                try { await Task.Delay(pause, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        await StoppedAsync();
    }

    /// <summary>Runs once the loop ends (releases leases).</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    /// <summary>
    /// Gives up this process's lease on a feed consumer when it stops, so another process need not wait for it
    /// to run out; best effort (at most 5 s): a lease that is not released runs out by itself.
    /// </summary>
    protected async Task ReleaseLeaseAsync(string consumer)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Db.Dialect.WriteAsync(async (s, c) => { await ChangeConsumers.ReleaseAsync(s, consumer, Settings.Instance, c); return 0; }, limit.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogDebug(e, "Could not release the {Consumer} lease on shutdown; it runs out by itself", consumer);
        }
    }
}
