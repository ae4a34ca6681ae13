using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Rapport.Api.Bulk;

/// <summary>
/// Runs queued jobs in the background, one at a time (imports are CPU- and write-bound; running two
/// would only make both slower). On start it takes up the jobs a stopped server left queued or running,
/// which resume from their checkpoint. Jobs started from the CLI are left to <c>rapport import --resume</c>.
/// </summary>
public sealed class JobRunner(JobService jobs, ILogger<JobRunner> log) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public void Enqueue(Guid jobId) => _queue.Writer.TryWrite(jobId);

    /// <summary>Stops a job of this process at once instead of after its current batch.</summary>
    public void Cancel(Guid jobId)
    {
        if (_running.TryGetValue(jobId, out var cts)) cts.Cancel();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var job in await jobs.UnfinishedAsync(stoppingToken))
                if (job.ClientId != JobService.CliClient) Enqueue(job.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not look for unfinished jobs");
        }
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[id] = cts;
            try
            {
                var job = await jobs.GetAsync(id, stoppingToken);
                if (job is null || job.IsFinished) continue;
                log.LogInformation("Job {Job} ({Kind} {Object}) starting at row {Row}", job.Id, job.Kind, job.Object, job.RowsDone);
                var done = await jobs.RunAsync(job, null, cts.Token);
                log.LogInformation("Job {Job} {Status}: {Counts}", done.Id, done.Status, done.Counts);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Job {Job} stopped by an unexpected error; it resumes on the next start", id);
            }
            finally
            {
                _running.TryRemove(id, out _);
            }
        }
    }
}
