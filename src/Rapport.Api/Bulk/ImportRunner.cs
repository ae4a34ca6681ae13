using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Records;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Integration.Formats;
using Rapport.Integration.Mapping;

namespace Rapport.Api.Bulk;

/// <summary>
/// Runs an import job: streams the file, imports it a batch at a time, and commits each batch
/// together with its rejected rows and the job's checkpoint (rows done). A job stopped by a crash,
/// <c>kill -9</c> or a restart resumes after the last committed batch: rows are neither repeated nor lost.
/// The CLI and the background job runner both come here.
/// </summary>
public sealed class ImportRunner(Database database, SchemaRegistry schemas, RecordService records, ILogger<ImportRunner> log)
{
    public async Task<Job> RunAsync(Job job, IProgress<Job>? progress, CancellationToken ct)
    {
        try
        {
            await RunCoreAsync(job, progress, ct);
            job.Status = JobStatus.Completed;
        }
        catch (OperationCanceledException)
        {
            // A requested cancel ends the job; a stopping process leaves it running, to be resumed.
            if (!await CancelRequestedAsync(job)) throw;
            job.Status = JobStatus.Cancelled;
        }
        catch (JobFailure e)
        {
            job.Status = JobStatus.Failed;
            job.Error = e.Message;
        }
        catch (ImportFormatException e)
        {
            job.Status = JobStatus.Failed;
            job.Error = e.Line > 0 ? $"line {e.Line}: {e.Message}" : e.Message;
        }
        catch (MappingException e)
        {
            job.Status = JobStatus.Failed;
            job.Error = "mapping: " + e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Import {Job} failed", job.Id);
            job.Status = JobStatus.Failed;
            job.Error = $"stopped by an unexpected error after {job.RowsDone} rows ({e.GetType().Name}: {e.Message}); the committed rows stay, resume with rapport import --resume {job.Id}";
        }
        job.FinishedAt = Timestamps.Now();
        await SaveAsync(job, CancellationToken.None);
        progress?.Report(job);
        return job;
    }

    private async Task RunCoreAsync(Job job, IProgress<Job>? progress, CancellationToken ct)
    {
        var def = StandardObjects.Find(job.Object) ?? throw new JobFailure($"'{job.Object}' is not an object");
        var schema = await schemas.GetAsync(def, ct);
        var options = ImportOptions.FromJson(job.OptionsJson);
        var format = RowReaders.Parse(job.Format) ?? throw new JobFailure($"'{job.Format}' is not an import format");
        var mapping = options.Mapping is null ? null : ImportMapping.Parse(options.Mapping);
        if (options.MatchOn is { } matchOn && KeyLookup.Problem(schema, matchOn) is { } problem) throw new JobFailure($"match-on {matchOn} {problem}");
        if (!DuplicateAction.IsValid(options.OnDuplicate)) throw new JobFailure($"on-duplicate must be skip, update or merge, not '{options.OnDuplicate}'");
        if (job.FilePath is null || !File.Exists(job.FilePath)) throw new JobFailure("the import file is gone; start a new job");

        job.Status = JobStatus.Running;
        job.StartedAt ??= Timestamps.Now();
        await using var stream = new FileStream(job.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        job.TotalBytes = stream.Length;
        await SaveAsync(job, ct);
        progress?.Report(job);

        RowReaderOptions readerOptions;
        try { readerOptions = options.ReaderOptions(schema); }
        catch (FormatException e) { throw new JobFailure(e.Message); }
        using var reader = RowReaders.Open(format, stream, readerOptions);
        var rows = reader.ReadRows(ct).Skip(checked((int)Math.Min(job.RowsDone, int.MaxValue)));
        BatchImporter Importer(SourceRow first) =>
            new(records, schemas, schema, new RowMapper(schema, mapping, first.Columns), options, job.OwnerId, job.ClientId);
        if (BatchImporter.CanPrepareAhead(schema, options)) await RunAheadAsync(job, rows, Importer, stream, options.BatchSize, progress, ct);
        else await RunInOrderAsync(job, rows, Importer, stream, options.BatchSize, progress, ct);
        job.BytesDone = stream.Length;
    }

    /// <summary>One batch after the other: each is prepared and written in one transaction.</summary>
    private async Task RunInOrderAsync(Job job, IEnumerable<SourceRow> rows, Func<SourceRow, BatchImporter> create, Stream stream, int batchSize,
        IProgress<Job>? progress, CancellationToken ct)
    {
        BatchImporter? importer = null;
        foreach (var batch in rows.Chunk(batchSize))
        {
            importer ??= create(batch[0]);
            var bytes = stream.Position;
            await ImportBatchAsync(job, batch.Length, bytes, async (s, safe, c) =>
            {
                var prepared = await importer.PrepareAsync(s, batch, c);
                await importer.WriteAsync(s, prepared, safe, c);
                return prepared;
            }, ct);
            progress?.Report(job);
        }
    }

    /// <summary>
    /// Prepares the next batch (read, map, link, validate: reads only) on another core while this one
    /// writes the current batch and commits it. Used when no row can depend on the batch before it.
    /// </summary>
    private async Task RunAheadAsync(Job job, IEnumerable<SourceRow> rows, Func<SourceRow, BatchImporter> create, Stream stream, int batchSize,
        IProgress<Job>? progress, CancellationToken ct)
    {
        var channel = Channel.CreateBounded<(BatchImporter Importer, List<ImportRow> Rows, long Bytes)>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Run(async () =>
        {
            try
            {
                BatchImporter? importer = null;
                foreach (var batch in rows.Chunk(batchSize))
                {
                    importer ??= create(batch[0]);
                    var bytes = stream.Position;
                    List<ImportRow> prepared;
                    await using (var s = await database.ReadAsync(stop.Token))
                        prepared = await importer.PrepareAsync(s, batch, stop.Token);
                    await channel.Writer.WriteAsync((importer, prepared, bytes), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None);
        try
        {
            // The writer only reads the importer's settings; its lookup caches stay with the producer.
            await foreach (var (writer, prepared, bytes) in channel.Reader.ReadAllAsync(ct))
            {
                await ImportBatchAsync(job, prepared.Count, bytes, async (s, safe, c) =>
                {
                    await writer.WriteAsync(s, prepared, safe, c);
                    return prepared;
                }, ct);
                progress?.Report(job);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
        failure?.Throw();
    }

    private async Task ImportBatchAsync(Job job, int count, long bytesDone, Func<DbSession, bool, CancellationToken, Task<List<ImportRow>>> work, CancellationToken ct)
    {
        var options = ImportOptions.FromJson(job.OptionsJson);
        var done = job.RowsDone;
        (JobCounts Counts, List<RowError> Errors) result;
        try
        {
            result = await RunInTransactionAsync(job, count, work, safe: false, done, bytesDone, options.DryRun, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not JobFailure)
        {
            // The database refused something the checks did not foresee: run the batch again with a
            // savepoint per row, so only the rows at fault are rejected.
            log.LogInformation("Import {Job}: batch after row {Done} re-run row by row ({Error})", job.Id, done, e.Message);
            result = await RunInTransactionAsync(job, count, work, safe: true, done, bytesDone, options.DryRun, ct);
        }
        if (options.DryRun) await SaveDryRunAsync(job, result.Errors, ct);
        if (await CancelRequestedAsync(job)) throw new OperationCanceledException();
    }

    private async Task<(JobCounts, List<RowError>)> RunInTransactionAsync(Job job, int count, Func<DbSession, bool, CancellationToken, Task<List<ImportRow>>> work,
        bool safe, long done, long bytesDone, bool dryRun, CancellationToken ct)
    {
        await using var s = await database.WriteAsync(ct);
        var (counts, errors) = BatchImporter.Tally(await work(s, safe, ct));
        var next = new Job
        {
            Id = job.Id, Kind = job.Kind, Object = job.Object, Format = job.Format, Status = job.Status, OptionsJson = job.OptionsJson,
            FilePath = job.FilePath, FileName = job.FileName, ClientId = job.ClientId, OwnerId = job.OwnerId, CreatedAt = job.CreatedAt,
            TotalBytes = job.TotalBytes, StartedAt = job.StartedAt, BytesDone = bytesDone, RowsDone = done + count,
            Counts = job.Counts.Plus(counts), Error = job.Error,
        };
        if (!dryRun)
        {
            foreach (var error in errors) await JobStore.InsertErrorAsync(s, job.Id, error, ct);
            if (!await JobStore.AdvanceAsync(s, next, done, ct))
                throw new JobFailure("another process is running this job (its checkpoint moved); this run stops without writing");
            await s.CommitAsync(ct);
        }
        job.RowsDone = next.RowsDone;
        job.BytesDone = bytesDone;
        job.Counts = next.Counts;
        return (counts, errors);
    }

    private async Task SaveDryRunAsync(Job job, List<RowError> errors, CancellationToken ct)
    {
        await using var s = await database.WriteAsync(ct);
        foreach (var error in errors) await JobStore.InsertErrorAsync(s, job.Id, error, ct);
        await JobStore.UpdateAsync(s, job, ct);
        await s.CommitAsync(ct);
    }

    private async Task SaveAsync(Job job, CancellationToken ct)
    {
        await using var s = await database.WriteAsync(ct);
        await JobStore.UpdateAsync(s, job, ct);
        await s.CommitAsync(ct);
    }

    private async Task<bool> CancelRequestedAsync(Job job)
    {
        await using var s = await database.ReadAsync(CancellationToken.None);
        return await JobStore.CancelRequestedAsync(s, job.Id, CancellationToken.None);
    }
}

/// <summary>A job cannot go on, for a reason a person can act on (shown as the job's error).</summary>
public sealed class JobFailure(string message) : Exception(message);
