using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Bulk;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Integration.Formats;

namespace Rapport.Cli.Commands;

/// <summary>
/// <c>rapport import OBJECT FILE [options]</c> and <c>rapport import --resume JOB</c> (contract §5). The
/// import runs as a job in this process; its checkpoint is in the database, so after a crash or
/// <c>kill -9</c> <c>--resume</c> carries on after the last committed batch.
/// </summary>
public static class ImportCommand
{
    public const string Usage =
        "Usage: rapport import OBJECT FILE [--format F] [--mapping MAPPING.yaml] [--match-on KEY] [--on-duplicate skip|update|merge] " +
        "[--dry-run] [--encoding E] [--delimiter D] [--sheet NAME] [--batch-size N] [--errors FILE] [--quiet] [--db ...]\n" +
        "       rapport import --resume JOB [--errors FILE] [--db ...]";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var parsed = CliArgs.Parse(args,
            new HashSet<string> { "format", "mapping", "match-on", "on-duplicate", "encoding", "delimiter", "sheet", "batch-size", "errors", "resume", "db" },
            new HashSet<string> { "dry-run", "quiet" });
        var target = DatabaseOption.Resolve(parsed);
        await using var services = await CliServices.StartAsync(target, ct);
        var jobs = services.GetRequiredService<JobService>();
        var job = parsed.Value("resume") is { } resume ? await ResumableAsync(jobs, resume, parsed, ct) : await CreateAsync(jobs, parsed, ct);

        var quiet = parsed.Has("quiet");
        var display = new ProgressDisplay(job.Object, quiet);
        if (!quiet) Console.Error.WriteLine($"import job {job.Id}: {job.Object} from {job.FilePath}" + (job.RowsDone > 0 ? $", resuming after row {job.RowsDone:N0}" : ""));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            jobs.RequestCancelAsync(job.Id, CancellationToken.None).GetAwaiter().GetResult();
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var progress = new SyncProgress(j => display.Show(j.Counts.Read, j.TotalBytes is > 0 ? (double)j.BytesDone / j.TotalBytes.Value : null, j.IsFinished));
            job = await jobs.RunAsync(job, progress, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        return await ReportAsync(jobs, job, parsed.Value("errors"), display.Elapsed, ct);
    }

    private static async Task<Job> CreateAsync(JobService jobs, CliArgs parsed, CancellationToken ct)
    {
        if (parsed.Positionals.Count != 2) throw new UsageException(Usage);
        var (objectName, file) = (parsed.Positionals[0], parsed.Positionals[1]);
        if (!File.Exists(file)) throw new UsageException($"{file}: no such file.");
        var format = parsed.Value("format") is { } f
            ? RowReaders.Parse(f) ?? throw new UsageException($"--format must be csv, json, jsonl, xml, xlsx, vcard or ical, not '{f}'.")
            : RowReaders.FromFileName(file) ?? throw new UsageException($"Cannot tell the format of {file} from its name; give --format.");
        string? mapping = null;
        if (parsed.Value("mapping") is { } mappingFile)
        {
            if (!File.Exists(mappingFile)) throw new UsageException($"{mappingFile}: no such mapping file.");
            mapping = await File.ReadAllTextAsync(mappingFile, ct);
        }
        var onDuplicate = parsed.Value("on-duplicate") ?? (parsed.Value("match-on") is null ? DuplicateAction.Skip : DuplicateAction.Update);
        if (!DuplicateAction.IsValid(onDuplicate)) throw new UsageException("--on-duplicate must be skip, update or merge.");
        if (parsed.Value("on-duplicate") is not null && parsed.Value("match-on") is null)
            throw new UsageException("--on-duplicate needs --match-on KEY (id, externalIds.<system>, email, domain) to know which rows are duplicates.");
        var batchSize = 1000;
        if (parsed.Value("batch-size") is { } b && (!int.TryParse(b, CultureInfo.InvariantCulture, out batchSize) || batchSize is < 1 or > 10_000))
            throw new UsageException("--batch-size must be a whole number from 1 to 10000.");
        var options = new ImportOptions
        {
            Mapping = mapping, MatchOn = parsed.Value("match-on"), OnDuplicate = onDuplicate, DryRun = parsed.Has("dry-run"),
            Encoding = parsed.Value("encoding"), Delimiter = parsed.Value("delimiter"), Sheet = parsed.Value("sheet"), BatchSize = batchSize,
        };
        try
        {
            var actor = new Actor(JobService.CliClient, null, Actor.System.Scopes);
            return await jobs.CreateImportAsync(objectName, format, Path.GetFullPath(file), Path.GetFileName(file), options, actor, null, ct);
        }
        catch (ApiException e)
        {
            throw new UsageException(e.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Select(x => $"{Option(x.Key)}: {string.Join(", ", x.Value)}")) : e.Message);
        }
    }

    private static string Option(string field) => field switch
    {
        "matchOn" => "--match-on",
        "onDuplicate" => "--on-duplicate",
        "mapping" => "--mapping",
        "object" => "OBJECT",
        _ => field,
    };

    private static async Task<Job> ResumableAsync(JobService jobs, string idText, CliArgs parsed, CancellationToken ct)
    {
        if (parsed.Positionals.Count > 0) throw new UsageException("--resume takes the job id only; the job remembers its object, file and options.");
        if (!Guid.TryParse(idText, out var id)) throw new UsageException("--resume needs a job id (a UUID, printed when the import started).");
        var job = await jobs.GetAsync(id, ct) ?? throw new UsageException($"There is no job {id} in this database.");
        if (job.Kind != JobKind.Import) throw new UsageException($"Job {id} is an export, not an import.");
        if (job.Status == JobStatus.Completed) throw new UsageException($"Job {id} is already completed.");
        if (job.FilePath is null || !File.Exists(job.FilePath)) throw new UsageException($"The job's file {job.FilePath} is gone.");
        if (job.TotalBytes is { } size && new FileInfo(job.FilePath).Length != size)
            throw new UsageException($"{job.FilePath} changed since the job started ({size:N0} bytes then, {new FileInfo(job.FilePath).Length:N0} now); start a new import.");
        job.Error = null;
        return job;
    }

    private static async Task<int> ReportAsync(JobService jobs, Job job, string? errorsPath, TimeSpan elapsed, CancellationToken ct)
    {
        var c = job.Counts;
        var errorsFile = c.Failed > 0 ? await WriteErrorsAsync(jobs, job, errorsPath, ct) : null;
        var options = ImportOptions.FromJson(job.OptionsJson);
        var rate = elapsed.TotalSeconds > 0 ? c.Read / elapsed.TotalSeconds : 0;
        var lines = new List<(string, string)>
        {
            ("job", job.Id.ToString()),
            ("status", job.Status + (options.DryRun ? " (dry run: nothing was written)" : "")),
            ("read", $"{c.Read:N0}"),
            ("created", $"{c.Created:N0}"),
            ("updated", $"{c.Updated:N0}"),
            ("merged", $"{c.Merged:N0}"),
            ("unchanged", $"{c.Unchanged:N0}"),
            ("skipped", $"{c.Skipped:N0}"),
            ("failed", $"{c.Failed:N0}"),
            ("time", $"{elapsed.TotalSeconds:N1} s ({rate:N0} rows/s)"),
        };
        if (errorsFile is not null) lines.Add(("errors", errorsFile));
        var width = lines.Max(l => l.Item1.Length);
        foreach (var (name, value) in lines) Console.WriteLine($"{name.PadRight(width)}  {value}");
        if (job.Status == JobStatus.Failed) Console.Error.WriteLine($"rapport: import failed: {job.Error}");
        if (job.Status is JobStatus.Failed or JobStatus.Cancelled)
            Console.Error.WriteLine($"rapport: {job.RowsDone:N0} rows are done; continue with: rapport import --resume {job.Id}");
        else if (c.Failed > 0)
            Console.Error.WriteLine($"rapport: {c.Failed:N0} rows were rejected; fix them in {errorsFile} and import that file again.");
        return job.Status == JobStatus.Completed && c.Failed == 0 ? 0 : 1;
    }

    private static async Task<string> WriteErrorsAsync(JobService jobs, Job job, string? path, CancellationToken ct)
    {
        path ??= (job.FilePath ?? job.Object) + ".errors.csv";
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        await jobs.WriteErrorReportAsync(job.Id, file, ct);
        return path;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress(Action<Job> report) : IProgress<Job>
    {
        public void Report(Job value) => report(value);
    }
}
