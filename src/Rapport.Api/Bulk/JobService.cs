using Microsoft.Extensions.Logging;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Quality;
using Rapport.Data.Records;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Integration.Formats;
using Rapport.Integration.Mapping;

namespace Rapport.Api.Bulk;

/// <summary>Creates, reads, runs and cancels import and export jobs; the REST API, the background runner and the CLI share it.</summary>
public sealed class JobService(Database database, SchemaRegistry schemas, JobFiles files, Exporter exporter, ImportRunner importer, DuplicateService duplicates,
    ILogger<JobService> log)
{
    /// <summary>The client id of jobs started from the command line: the server never resumes those on its own.</summary>
    public const string CliClient = "cli";

    public JobFiles Files => files;

    /// <summary>Checks the options (object, match key, mapping) so that a mistake is refused before any row is read.</summary>
    public async Task<Job> CreateImportAsync(string objectName, DataFormat format, string filePath, string? fileName, ImportOptions options, Actor actor, Guid? id, CancellationToken ct)
    {
        var def = StandardObjects.Find(objectName) ?? throw ApiException.BadRequest("object", $"must be one of {string.Join(", ", StandardObjects.All.Select(d => d.Name))}");
        var schema = await schemas.GetAsync(def, ct);
        if (options.Mapping is not null)
        {
            ImportMapping mapping;
            try
            {
                mapping = ImportMapping.Parse(options.Mapping);
                mapping.Validate(schema);
            }
            catch (MappingException e) { throw ApiException.BadRequest("mapping", e.Message); }
            if (mapping.Object is { } mapped && mapped != def.Name)
                throw ApiException.BadRequest("mapping", $"is written for {mapped}, not {def.Name}");
            // The mapping file may say how to match; an explicit option wins.
            if (options.MatchOn is null && mapping.MatchOn is not null)
                options = options with
                {
                    MatchOn = mapping.MatchOn,
                    OnDuplicate = mapping.OnDuplicate is { } policy ? policy.ToString().ToLowerInvariant() : DuplicateAction.Update,
                };
        }
        if (!DuplicateAction.IsValid(options.OnDuplicate)) throw ApiException.BadRequest("onDuplicate", "must be skip, update or merge");
        if (options.MatchOn is { } key && KeyLookup.Problem(schema, key) is { } problem) throw ApiException.BadRequest("matchOn", $"{key} {problem}");
        try { options.ReaderOptions(schema); }
        catch (FormatException e) { throw ApiException.BadRequest(e.Message.StartsWith("encoding", StringComparison.Ordinal) ? "encoding" : "delimiter", e.Message[(e.Message.IndexOf(':') + 2)..]); }
        if (options.BatchSize is < 1 or > 10_000) throw ApiException.BadRequest("batchSize", "must be between 1 and 10000");
        var job = new Job
        {
            Id = id ?? Guid.CreateVersion7(), Kind = JobKind.Import, Object = def.Name, Format = FormatNames.Name(format), Status = JobStatus.Queued,
            OptionsJson = options.ToJson(), FilePath = filePath, FileName = fileName, ClientId = actor.ClientId, OwnerId = actor.Owner,
            CreatedAt = Timestamps.Now(), TotalBytes = new FileInfo(filePath).Length,
        };
        await SaveNewAsync(job, ct);
        return job;
    }

    public async Task<Job> CreateExportAsync(string objectName, DataFormat format, ExportOptions options, Actor actor, CancellationToken ct)
    {
        var def = StandardObjects.Find(objectName) ?? throw ApiException.BadRequest("object", $"must be one of {string.Join(", ", StandardObjects.All.Select(d => d.Name))}");
        if (format == DataFormat.VCard && def != StandardObjects.Contacts && def != StandardObjects.Leads
            || format == DataFormat.ICalendar && def != StandardObjects.Activities)
            throw ApiException.BadRequest("format", $"{FormatNames.Name(format)} is available for {FormatNames.ObjectsFor(format)}");
        await exporter.ValidateAsync(def, options, ct);
        var id = Guid.CreateVersion7();
        var job = new Job
        {
            Id = id, Kind = JobKind.Export, Object = def.Name, Format = FormatNames.Name(format), Status = JobStatus.Queued,
            OptionsJson = options.ToJson(), FilePath = files.ExportPath(id, FormatNames.Extension(format)),
            FileName = $"{def.Name}.{FormatNames.Extension(format)}", ClientId = actor.ClientId, OwnerId = actor.Owner, CreatedAt = Timestamps.Now(),
        };
        await SaveNewAsync(job, ct);
        return job;
    }

    /// <summary>A duplicate scan of every live record of the object, replacing its stored clusters when done.</summary>
    public async Task<Job> CreateDedupeAsync(ObjectDef def, double? threshold, Actor actor, CancellationToken ct)
    {
        var job = new Job
        {
            Id = Guid.CreateVersion7(), Kind = JobKind.Dedupe, Object = def.Name, Format = "json", Status = JobStatus.Queued,
            OptionsJson = new System.Text.Json.Nodes.JsonObject { ["threshold"] = threshold }.ToJsonString(),
            ClientId = actor.ClientId, OwnerId = actor.Owner, CreatedAt = Timestamps.Now(), TotalBytes = 1000,
        };
        await SaveNewAsync(job, ct);
        return job;
    }

    public async Task<Job?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var s = await database.ReadAsync(ct);
        return await JobStore.GetAsync(s, id, ct);
    }

    public async Task<List<Job>> ListAsync(int limit, CancellationToken ct)
    {
        await using var s = await database.ReadAsync(ct);
        return await JobStore.ListAsync(s, limit, ct);
    }

    public async Task<List<Job>> UnfinishedAsync(CancellationToken ct)
    {
        await using var s = await database.ReadAsync(ct);
        return await JobStore.UnfinishedAsync(s, ct);
    }

    public async Task<List<RowError>> ErrorsAsync(Guid id, long afterLine, int limit, CancellationToken ct)
    {
        await using var s = await database.ReadAsync(ct);
        return await JobStore.ErrorsAsync(s, id, afterLine, limit, ct);
    }

    /// <summary>Writes every rejected row of the job as the fixable CSV report (<see cref="ErrorReport"/>).</summary>
    public async Task WriteErrorReportAsync(Guid id, Stream output, CancellationToken ct)
    {
        const int page = 5000;
        var all = new List<RowError>();
        for (long after = 0; ;)
        {
            var errors = await ErrorsAsync(id, after, page, ct);
            all.AddRange(errors);
            if (errors.Count < page) break;
            after = errors[^1].Line;
        }
        ErrorReport.Write(output, all);
    }

    /// <summary>Marks the job for cancelling; the run stops after its current batch. False when there is no such job.</summary>
    public async Task<bool> RequestCancelAsync(Guid id, CancellationToken ct)
    {
        await using var s = await database.WriteAsync(ct);
        var found = await JobStore.RequestCancelAsync(s, id, ct);
        await s.CommitAsync(ct);
        return found;
    }

    public async Task<Job> RunAsync(Job job, IProgress<Job>? progress, CancellationToken ct)
    {
        if (job.Kind == JobKind.Dedupe) return await RunDedupeAsync(job, progress, ct);
        if (job.Kind != JobKind.Import) return await RunExportAsync(job, progress, ct);
        var done = await importer.RunAsync(job, progress, ct);
        // An uploaded file is kept while the job may still resume; the CLI's files are the user's own.
        if (done.Status is JobStatus.Completed or JobStatus.Cancelled && done.ClientId != CliClient && done.FilePath is { } path
            && Path.GetFullPath(path).StartsWith(files.Root, StringComparison.Ordinal))
        {
            try { File.Delete(path); }
            catch (IOException) { }
        }
        return done;
    }

    private async Task<Job> RunExportAsync(Job job, IProgress<Job>? progress, CancellationToken ct)
    {
        job.Status = JobStatus.Running;
        job.StartedAt = Timestamps.Now();
        job.Counts = new JobCounts();
        await UpdateAsync(job, ct);
        var temp = job.FilePath + ".part";
        try
        {
            var def = StandardObjects.Find(job.Object)!;
            var format = RowReaders.Parse(job.Format)!.Value;
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var last = DateTime.UtcNow;
                await exporter.ExportAsync(def, format, ExportOptions.FromJson(job.OptionsJson), output, written =>
                {
                    job.Counts.Read = written;
                    if (DateTime.UtcNow - last < TimeSpan.FromSeconds(1)) return;
                    last = DateTime.UtcNow;
                    progress?.Report(job);
                }, ct);
            }
            File.Move(temp, job.FilePath!, overwrite: true);
            job.TotalBytes = new FileInfo(job.FilePath!).Length;
            job.BytesDone = job.TotalBytes.Value;
            job.RowsDone = job.Counts.Read;
            job.Status = JobStatus.Completed;
        }
        catch (OperationCanceledException)
        {
            // A requested cancel ends the job; a stopping process leaves it to be run again on the next start.
            if ((await GetAsync(job.Id, CancellationToken.None))?.CancelRequested != true) throw;
            job.Status = JobStatus.Cancelled;
        }
        catch (JobFailure e)
        {
            job.Status = JobStatus.Failed;
            job.Error = e.Message;
        }
        catch (Exception e)
        {
            Fail(job, e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        job.FinishedAt = Timestamps.Now();
        await UpdateAsync(job, CancellationToken.None);
        progress?.Report(job);
        return job;
    }

    private async Task<Job> RunDedupeAsync(Job job, IProgress<Job>? progress, CancellationToken ct)
    {
        job.Status = JobStatus.Running;
        job.StartedAt = Timestamps.Now();
        job.Counts = new JobCounts();
        await UpdateAsync(job, ct);
        try
        {
            var threshold = System.Text.Json.Nodes.JsonNode.Parse(job.OptionsJson)?["threshold"]?.GetValue<double>();
            var last = DateTime.UtcNow;
            var summary = await duplicates.ScanAsync(StandardObjects.Find(job.Object)!, threshold, new Progress<Integration.Dedupe.ScanProgress>(p =>
            {
                job.BytesDone = (long)(p.Fraction * 1000);
                if (DateTime.UtcNow - last < TimeSpan.FromSeconds(1)) return;
                last = DateTime.UtcNow;
                progress?.Report(job);
            }), ct);
            job.Counts.Read = summary.Records;
            job.Counts.Created = summary.Clusters;
            duplicates.Warm(StandardObjects.Find(job.Object)!);
            job.RowsDone = summary.Records;
            job.BytesDone = 1000;
            job.Status = JobStatus.Completed;
        }
        catch (OperationCanceledException)
        {
            if ((await GetAsync(job.Id, CancellationToken.None))?.CancelRequested != true) throw;
            job.Status = JobStatus.Cancelled;
        }
        catch (Exception e)
        {
            Fail(job, e);
        }
        job.FinishedAt = Timestamps.Now();
        await UpdateAsync(job, CancellationToken.None);
        progress?.Report(job);
        return job;
    }

    /// <summary>
    /// An export or a scan that an unexpected error stopped (a full disk, a lost database) fails with the
    /// reason: it has nothing to resume, and left 'running' it would be started again on every restart.
    /// </summary>
    private void Fail(Job job, Exception e)
    {
        log.LogError(e, "{Kind} job {Job} failed", job.Kind, job.Id);
        job.Status = JobStatus.Failed;
        job.Error = $"stopped by an unexpected error ({e.GetType().Name}: {e.Message}); start it again";
    }

    private async Task SaveNewAsync(Job job, CancellationToken ct)
    {
        await using var s = await database.WriteAsync(ct);
        await JobStore.InsertAsync(s, job, ct);
        await s.CommitAsync(ct);
    }

    private async Task UpdateAsync(Job job, CancellationToken ct)
    {
        await using var s = await database.WriteAsync(ct);
        await JobStore.UpdateAsync(s, job, ct);
        await s.CommitAsync(ct);
    }
}
