using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Bulk import and export jobs (<c>/api/v1/jobs</c>, contract §5).</summary>
internal static class JobsSection
{
    private static readonly string[] Formats = ["csv", "json", "jsonl", "xml", "xlsx", "vcard", "ical"];

    public static void AddSchemas(ComponentSchemas components)
    {
        var counts = new JsonObject();
        foreach (var name in (string[])["read", "created", "updated", "merged", "skipped", "unchanged", "failed"])
            counts[name] = Integer($"Rows {name}.");
        components.Add("Job", Object(new JsonObject
        {
            ["id"] = String("The job id.", "uuid"),
            ["kind"] = Enum(["import", "export", "dedupe"],
                "`dedupe` is a duplicate scan (`POST /api/v1/duplicates/scan`): `counts.read` is the records compared, `counts.created` the clusters found."),
            ["object"] = String("The object imported or exported, e.g. contacts."),
            ["format"] = Enum(Formats, "A dedupe scan's is json."),
            ["status"] = Enum(["queued", "running", "completed", "failed", "cancelled"], "A queued or running job left by a stopped server resumes from its checkpoint when the server starts again."),
            ["dryRun"] = Boolean("An import that validated everything and wrote nothing."),
            ["fileName"] = Nullable(String("The uploaded file's name, or the export's download name.")),
            ["counts"] = Object(counts, description: "What happened to the rows; `unchanged` rows matched a record that already held their values."),
            ["progress"] = Object(new JsonObject
            {
                ["rowsDone"] = Integer("Source rows whose outcome is committed (the resume checkpoint)."),
                ["bytesDone"] = Integer("Bytes of the file read so far."),
                ["totalBytes"] = Nullable(Integer("The file's size.")),
                ["percent"] = new JsonObject { ["type"] = "number", ["description"] = "0 to 100." },
            }),
            ["error"] = Nullable(String("Why a failed job stopped (the file itself, a bad mapping); rejected rows are in the errors list instead.")),
            ["cancelRequested"] = Boolean(),
            ["matchOn"] = Nullable(String("Imports: the key rows are matched to existing records by.")),
            ["onDuplicate"] = Nullable(Enum(["skip", "update", "merge"])),
            ["createdAt"] = String(null, "date-time"),
            ["startedAt"] = Nullable(String(null, "date-time")),
            ["finishedAt"] = Nullable(String(null, "date-time")),
            ["links"] = Object(new JsonObject
            {
                ["self"] = String(),
                ["errors"] = Nullable(String("Imports: the rejected rows.")),
                ["download"] = Nullable(String("Exports: the file, once completed.")),
                ["duplicates"] = Nullable(String("Dedupe scans: the review list of the object's clusters.")),
            }),
        }, ["id", "kind", "object", "format", "status", "counts", "progress", "createdAt", "links"]));
        components.Add("JobList", Object(new JsonObject { ["data"] = ArrayOf(SchemaRef("Job")) }, ["data"]));
        components.Add("ImportRequest", Object(new JsonObject
        {
            ["file"] = String("The file to import.", "binary"),
            ["object"] = String("The object to import into, e.g. contacts."),
            ["format"] = Enum(Formats, "Defaults to the file name's extension."),
            ["mapping"] = String("A mapping in YAML (see docs/import-mapping.md): column → field, transforms, value maps, date and number formats."),
            ["matchOn"] = String("`id`, `externalIds.<system>`, `email`, `domain` or another key field: which existing record a row updates. Without it rows only create."),
            ["onDuplicate"] = Enum(["skip", "update", "merge"], "What a matched row does: nothing, overwrite, or fill only the fields the record lacks (default update with matchOn)."),
            ["dryRun"] = Boolean("Validate and report everything, write nothing."),
            ["encoding"] = String("Override the detected text encoding (utf-8, utf-16, windows-1252, ...)."),
            ["delimiter"] = String("Override the detected CSV delimiter (`,` `;` `|` `:` or `tab`)."),
            ["sheet"] = String("XLSX: the sheet to read (default the first)."),
        }, ["file", "object"]));
        components.Add("ExportRequest", Object(new JsonObject
        {
            ["object"] = With(String("The object to export, e.g. contacts."), "example", "contacts"),
            ["format"] = Enum(Formats, "Default csv. vcard is for contacts and leads, ical for activities."),
            ["filters"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "The list filters of `GET /api/v1/{object}`: `{\"lifecycleStage\": \"customer\", \"createdAt[gte]\": \"2026-01-01\"}`.",
                ["additionalProperties"] = String(),
            },
            ["sort"] = String("As for lists: `field` or `-field`, comma-separated."),
            ["fields"] = String("As for lists: a comma-separated projection."),
            ["q"] = String("As for lists: search over names, emails and phones."),
            ["sheet"] = String("XLSX: the sheet name."),
        }, ["object"]));
        components.Add("JobErrors", Object(new JsonObject
        {
            ["data"] = ArrayOf(Object(new JsonObject
            {
                ["line"] = Integer("The row's line in the file (the header is line 1)."),
                ["reasons"] = ArrayOf(Object(new JsonObject
                {
                    ["column"] = Nullable(String("The file's column at fault.")),
                    ["field"] = Nullable(String("The field at fault.")),
                    ["message"] = String(),
                }, ["message"])),
                ["values"] = new JsonObject { ["type"] = "object", ["description"] = "The row's original values by column.", ["additionalProperties"] = Nullable(String()) },
            }, ["line", "reasons", "values"])),
            ["nextAfter"] = Nullable(Integer("Pass as `after` for the next page; null on the last.")),
        }, ["data"]));
    }

    public static void AddPaths(JsonObject paths)
    {
        var id = SharedParameters.Path("id", String(null, "uuid"), "The job id.");
        new OperationBuilder("startImport", Tags.Jobs, "Start an import job")
            .Describe("Uploads a file (multipart/form-data, streamed to disk) and imports it in the background, a batch at a time with a checkpoint. " +
                      "Every rejected row is kept with its line, reasons and original values. Answers 202 with the job.")
            .Scope(Scopes.Bulk)
            .Body(Content(SchemaRef("ImportRequest"), "multipart/form-data"), "The file and the options.")
            .Response(202, "The job, queued.", Content(SchemaRef("Job"), MediaTypes.Negotiated))
            .Problems(400, 413, 415)
            .AddTo(paths, "/api/v1/jobs/import", "post");
        new OperationBuilder("startExport", Tags.Jobs, "Start an export job")
            .Describe("Writes every record that matches the list filters to a file in the background; download it from `links.download` once completed.")
            .Scope(Scopes.Bulk)
            .Body(Content(SchemaRef("ExportRequest"), MediaTypes.Negotiated), "The object, format and filters.")
            .Response(202, "The job, queued.", Content(SchemaRef("Job"), MediaTypes.Negotiated))
            .Problems(400, 406, 415)
            .AddTo(paths, "/api/v1/jobs/export", "post");
        new OperationBuilder("listJobs", Tags.Jobs, "List recent jobs")
            .Scope(Scopes.Bulk)
            .Response(200, "The 100 most recent jobs, newest first.", Content(SchemaRef("JobList"), MediaTypes.Negotiated))
            .AddTo(paths, "/api/v1/jobs", "get");
        new OperationBuilder("getJob", Tags.Jobs, "Get a job's status, counts and progress")
            .Scope(Scopes.Bulk).Parameter(id)
            .Response(200, "The job.", Content(SchemaRef("Job"), MediaTypes.Negotiated))
            .Problems(404)
            .AddTo(paths, "/api/v1/jobs/{id}", "get");
        new OperationBuilder("getJobErrors", Tags.Jobs, "Get an import's rejected rows")
            .Describe("JSON pages in line order, or with `Accept: text/csv` one CSV of the original rows plus `_line` and `_errors`: fix it and import it again.")
            .Scope(Scopes.Bulk).Parameter(id)
            .Parameter(SharedParameters.Query("after", Integer(minimum: 0), "Only rows after this line."))
            .Parameter(SharedParameters.Query("limit", Integer(minimum: 1, maximum: 1000), "Rows per page (default 100)."))
            .Response(200, "The rejected rows.", Content(SchemaRef("JobErrors"), [.. MediaTypes.Negotiated, MediaTypes.Csv]))
            .Problems(400, 404)
            .AddTo(paths, "/api/v1/jobs/{id}/errors", "get");
        new OperationBuilder("downloadExport", Tags.Jobs, "Download an export's file")
            .Scope(Scopes.Bulk).Parameter(id)
            .Response(200, "The file, in the job's format.", new JsonObject { ["application/octet-stream"] = new JsonObject { ["schema"] = String(null, "binary") } })
            .Problems(404, 409)
            .AddTo(paths, "/api/v1/jobs/{id}/download", "get");
        new OperationBuilder("cancelJob", Tags.Jobs, "Cancel a job")
            .Describe("The job stops after its current batch; what was committed stays (an import can be resumed with `rapport import --resume`).")
            .Scope(Scopes.Bulk).Parameter(id)
            .Response(202, "The job, cancelling.", Content(SchemaRef("Job"), MediaTypes.Negotiated))
            .Problems(404, 409)
            .AddTo(paths, "/api/v1/jobs/{id}/cancel", "post");
    }
}
