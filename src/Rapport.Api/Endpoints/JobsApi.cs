using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Rapport.Api.Auth;
using Rapport.Api.Bulk;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Domain.Records;
using Rapport.Integration.Formats;

namespace Rapport.Api.Endpoints;

/// <summary>
/// Bulk import and export jobs (contract §5), scope crm.bulk. Starting a job answers 202 at once;
/// the job runs in the background and is followed with <c>GET /api/v1/jobs/{id}</c>.
/// </summary>
public static class JobsApi
{
    /// <summary>The largest import file the API takes (the CLI reads files of any size).</summary>
    public const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapJobsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/jobs").WithTags("Jobs").RequireAuthorization(Scopes.Bulk);
        api.MapPost("/import", StartImport).WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes));
        api.MapPost("/export", StartExport).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapGet("/", ListJobs);
        api.MapGet("/{id:guid}", GetJob);
        api.MapGet("/{id:guid}/errors", GetErrors);
        api.MapGet("/{id:guid}/download", Download);
        api.MapPost("/{id:guid}/cancel", Cancel);
        return app;
    }

    /// <summary>
    /// multipart/form-data with a <c>file</c> part and option fields <c>object</c>, <c>format</c>, <c>mapping</c>
    /// (YAML text or a file part), <c>matchOn</c>, <c>onDuplicate</c>, <c>dryRun</c>, <c>encoding</c>, <c>delimiter</c>,
    /// <c>sheet</c>. The file is streamed to disk, never held in memory.
    /// </summary>
    public static async Task<IResult> StartImport(HttpContext ctx, JobService jobs, JobRunner runner)
    {
        var request = ctx.Request;
        var ct = ctx.RequestAborted;
        var boundary = request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
            throw new ApiException(415, "Unsupported Media Type", "Send the import as multipart/form-data with a 'file' part and option fields.");
        var id = Guid.CreateVersion7();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? path = null, fileName = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var isFile = disposition.FileName.HasValue || disposition.FileNameStar.HasValue;
                if (name.Equals("file", StringComparison.OrdinalIgnoreCase) && isFile)
                {
                    if (path is not null) throw ApiException.BadRequest("file", "send one file per job");
                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload");
                    path = jobs.Files.ImportPath(id, "upload");
                    await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    await section.Body.CopyToAsync(file, ct);
                    continue;
                }
                using var text = new StreamReader(section.Body);
                var value = await ReadLimitedAsync(text, 1024 * 1024, name);
                fields[name] = value;
            }
        }
        catch (InvalidDataException e)
        {
            Cleanup(jobs, id);
            throw ApiException.BadRequest("body", "is not valid multipart/form-data: " + e.Message);
        }
        catch
        {
            Cleanup(jobs, id);
            throw;
        }
        try
        {
            if (path is null) throw ApiException.BadRequest("file", "is required (a multipart part named 'file' with a filename)");
            var objectName = fields.GetValueOrDefault("object") ?? throw ApiException.BadRequest("object", "is required, e.g. contacts");
            var format = fields.TryGetValue("format", out var f)
                ? RowReaders.Parse(f) ?? throw ApiException.BadRequest("format", "must be csv, json, jsonl, xml, xlsx, vcard or ical")
                : RowReaders.FromFileName(fileName!) ?? throw ApiException.BadRequest("format", $"cannot be told from the file name '{fileName}'; give format");
            var options = new ImportOptions
            {
                Mapping = fields.GetValueOrDefault("mapping"),
                MatchOn = fields.GetValueOrDefault("matchOn"),
                OnDuplicate = fields.GetValueOrDefault("onDuplicate") ?? (fields.ContainsKey("matchOn") ? DuplicateAction.Update : DuplicateAction.Skip),
                DryRun = fields.TryGetValue("dryRun", out var dry) && Flag(dry, "dryRun"),
                Encoding = fields.GetValueOrDefault("encoding"),
                Delimiter = fields.GetValueOrDefault("delimiter"),
                Sheet = fields.GetValueOrDefault("sheet"),
            };
            var job = await jobs.CreateImportAsync(objectName, format, path, fileName, options, HttpActor.From(ctx.User), id, ct);
            runner.Enqueue(job.Id);
            ctx.Response.Headers.Location = $"/api/v1/jobs/{job.Id}";
            return new NodeResponse(ToJson(job), 202, "job");
        }
        catch
        {
            Cleanup(jobs, id);
            throw;
        }
    }

    /// <summary>JSON <c>{"object","format","filters":{"field[op]":"value"},"sort","fields","q","sheet"}</c>.</summary>
    public static async Task<IResult> StartExport(HttpContext ctx, JobService jobs, JobRunner runner)
    {
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        var objectName = (string?)Text(body, "object") ?? throw ApiException.BadRequest("object", "is required, e.g. contacts");
        var formatName = Text(body, "format") ?? "csv";
        var format = RowReaders.Parse(formatName) ?? throw ApiException.BadRequest("format", "must be csv, json, jsonl, xml, xlsx, vcard or ical");
        var query = new List<KeyValuePair<string, string>>();
        if (body["filters"] is JsonObject filters)
            foreach (var (key, value) in filters)
                query.Add(new(key, value is JsonValue v ? v.ToString() : throw ApiException.BadRequest($"filters.{key}", "must be a string, number or boolean")));
        else if (body["filters"] is not null) throw ApiException.BadRequest("filters", "must be an object of field or field[op] → value");
        foreach (var name in (string[])["sort", "fields", "q"])
            if (Text(body, name) is { } value) query.Add(new(name, value));
        var options = new ExportOptions { Query = query, Sheet = Text(body, "sheet") };
        var job = await jobs.CreateExportAsync(objectName, format, options, HttpActor.From(ctx.User), ctx.RequestAborted);
        runner.Enqueue(job.Id);
        ctx.Response.Headers.Location = $"/api/v1/jobs/{job.Id}";
        return new NodeResponse(ToJson(job), 202, "job");
    }

    public static async Task<IResult> ListJobs(HttpContext ctx, JobService jobs)
    {
        var list = await jobs.ListAsync(100, ctx.RequestAborted);
        return new NodeResponse(new JsonObject { ["data"] = new JsonArray(list.Select(j => (JsonNode?)ToJson(j)).ToArray()) }, 200, "jobs");
    }

    public static async Task<IResult> GetJob(Guid id, HttpContext ctx, JobService jobs) =>
        new NodeResponse(ToJson(await Find(jobs, id, ctx)), 200, "job");

    /// <summary>Every rejected row: JSON pages (<c>after</c> = the last line seen) or, with <c>Accept: text/csv</c>, the whole fixable CSV report.</summary>
    public static async Task<IResult> GetErrors(Guid id, HttpContext ctx, JobService jobs)
    {
        var job = await Find(jobs, id, ctx);
        var ct = ctx.RequestAborted;
        if (Negotiation.Accepted(ctx.Request, csvAllowed: true) == MediaFormat.Csv)
        {
            var buffer = new MemoryStream();
            await jobs.WriteErrorReportAsync(job.Id, buffer, ct);
            buffer.Position = 0;
            return Results.Stream(buffer, "text/csv; charset=utf-8", $"{job.Object}-errors.csv");
        }
        var limit = ctx.Request.Query.TryGetValue("limit", out var l) ? int.TryParse(l, out var n) && n is >= 1 and <= 1000 ? n : throw ApiException.BadRequest("limit", "must be 1 to 1000") : 100;
        var afterLine = ctx.Request.Query.TryGetValue("after", out var a) ? long.TryParse(a, out var line) && line >= 0 ? line : throw ApiException.BadRequest("after", "must be a line number") : 0;
        var errors = await jobs.ErrorsAsync(job.Id, afterLine, limit + 1, ct);
        var more = errors.Count > limit;
        if (more) errors.RemoveAt(errors.Count - 1);
        var data = new JsonArray();
        foreach (var e in errors)
        {
            var values = new JsonObject();
            foreach (var (column, value) in e.Original) values[column] = value;
            data.Add(new JsonObject
            {
                ["line"] = e.Line,
                ["reasons"] = JsonNode.Parse(e.ReasonsJson()),
                ["values"] = values,
            });
        }
        return new NodeResponse(new JsonObject { ["data"] = data, ["nextAfter"] = more ? errors[^1].Line : null }, 200, "errors");
    }

    public static async Task<IResult> Download(Guid id, HttpContext ctx, JobService jobs)
    {
        var job = await Find(jobs, id, ctx);
        if (job.Kind != JobKind.Export) throw ApiException.NotFound($"Job {id} is an import; only exports have a file to download.");
        if (job.Status != JobStatus.Completed || job.FilePath is null || !File.Exists(job.FilePath))
            throw new ApiException(409, "Conflict", $"The export is {job.Status}; download it once its status is completed.");
        var format = RowReaders.Parse(job.Format)!.Value;
        return Results.File(job.FilePath, FormatNames.ContentType(format), job.FileName);
    }

    public static async Task<IResult> Cancel(Guid id, HttpContext ctx, JobService jobs, JobRunner runner)
    {
        var job = await Find(jobs, id, ctx);
        if (job.IsFinished) throw new ApiException(409, "Conflict", $"The job is already {job.Status}.");
        await jobs.RequestCancelAsync(id, ctx.RequestAborted);
        runner.Cancel(id);
        return new NodeResponse(ToJson((await jobs.GetAsync(id, ctx.RequestAborted))!), 202, "job");
    }

    public static JsonObject ToJson(Job job)
    {
        var c = job.Counts;
        var options = job.Kind == JobKind.Import ? ImportOptions.FromJson(job.OptionsJson) : null;
        var json = new JsonObject
        {
            ["id"] = job.Id.ToString(),
            ["kind"] = job.Kind,
            ["object"] = job.Object,
            ["format"] = job.Format,
            ["status"] = job.Status,
            ["dryRun"] = options?.DryRun ?? false,
            ["fileName"] = job.FileName,
            ["counts"] = new JsonObject
            {
                ["read"] = c.Read, ["created"] = c.Created, ["updated"] = c.Updated, ["merged"] = c.Merged,
                ["skipped"] = c.Skipped, ["unchanged"] = c.Unchanged, ["failed"] = c.Failed,
            },
            ["progress"] = new JsonObject
            {
                ["rowsDone"] = job.RowsDone,
                ["bytesDone"] = job.BytesDone,
                ["totalBytes"] = job.TotalBytes,
                ["percent"] = job.IsFinished && job.Status == JobStatus.Completed ? 100.0
                    : job.TotalBytes is > 0 and var total ? Math.Round(100.0 * job.BytesDone / total, 1) : 0.0,
            },
            ["error"] = job.Error,
            ["cancelRequested"] = job.CancelRequested,
            ["createdAt"] = Timestamps.ToText(job.CreatedAt),
            ["startedAt"] = job.StartedAt is { } s ? Timestamps.ToText(s) : null,
            ["finishedAt"] = job.FinishedAt is { } f ? Timestamps.ToText(f) : null,
            ["links"] = new JsonObject
            {
                ["self"] = $"/api/v1/jobs/{job.Id}",
                ["errors"] = job.Kind == JobKind.Import ? $"/api/v1/jobs/{job.Id}/errors" : null,
                ["download"] = job.Kind == JobKind.Export ? $"/api/v1/jobs/{job.Id}/download" : null,
                ["duplicates"] = job.Kind == JobKind.Dedupe ? $"/api/v1/duplicates?object={job.Object}" : null,
            },
        };
        if (options is not null)
        {
            json["matchOn"] = options.MatchOn;
            json["onDuplicate"] = options.OnDuplicate;
        }
        return json;
    }

    private static async Task<Job> Find(JobService jobs, Guid id, HttpContext ctx) =>
        await jobs.GetAsync(id, ctx.RequestAborted) ?? throw ApiException.NotFound($"There is no job {id}.");

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => throw ApiException.BadRequest(name, "must be a string"),
    };

    private static bool Flag(string value, string name) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" or "" => false,
        _ => throw ApiException.BadRequest(name, "must be true or false"),
    };

    private static async Task<string> ReadLimitedAsync(StreamReader reader, int limit, string name)
    {
        var buffer = new char[limit + 1];
        var read = 0;
        int n;
        while (read <= limit && (n = await reader.ReadAsync(buffer.AsMemory(read))) > 0) read += n;
        if (read > limit) throw ApiException.BadRequest(name, $"is longer than {limit.ToString(CultureInfo.InvariantCulture)} characters");
        return new string(buffer, 0, read);
    }

    private static void Cleanup(JobService jobs, Guid id)
    {
        try { Directory.Delete(jobs.Files.FolderOf(id), recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
