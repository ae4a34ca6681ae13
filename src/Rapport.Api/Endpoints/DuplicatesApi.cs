using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Bulk;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Quality;
using Rapport.Api.Records;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Integration.Formats;

namespace Rapport.Api.Endpoints;

/// <summary>
/// Duplicate detection (contract §6): a scan as a background job, the review list of clusters (each
/// member with its current record), dismissing a cluster, and a check of incoming records that writes nothing.
/// </summary>
public static class DuplicatesApi
{
    public const int MaxCheck = 1000;

    public static IEndpointRouteBuilder MapDuplicatesApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/duplicates").WithTags("Data quality").AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapPost("/scan", Scan).RequireAuthorization(Scopes.Bulk);
        api.MapGet("", List).RequireAuthorization(Scopes.Read);
        api.MapPost("/check", Check).RequireAuthorization(Scopes.Read);
        api.MapPost("/{id}/dismiss", Dismiss).RequireAuthorization(Scopes.Write);
        return app;
    }

    public static async Task<IResult> Scan(HttpContext ctx, JobService jobs, JobRunner runner)
    {
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        JsonBody.OnlyKnown(body, "object", "threshold");
        var def = ObjectOf(body["object"]);
        var threshold = Threshold(body["threshold"]);
        var job = await jobs.CreateDedupeAsync(def, threshold, HttpActor.From(ctx.User), ctx.RequestAborted);
        runner.Enqueue(job.Id);
        ctx.Response.Headers.Location = $"/api/v1/jobs/{job.Id}";
        return new NodeResponse(JobsApi.ToJson(job), 202, "job");
    }

    public static async Task<IResult> List(HttpContext ctx, Database db, SchemaRegistry schemas)
    {
        var q = ctx.Request.Query;
        var def = ObjectOf(q["object"].FirstOrDefault() is { } o ? JsonValue.Create(o) : null);
        var limit = q["limit"].FirstOrDefault() is { } l ? int.TryParse(l, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 200 ? n
            : throw ApiException.BadRequest("limit", "must be 1 to 200") : 50;
        var minScore = q["minScore"].FirstOrDefault() is { } m
            ? double.TryParse(m, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and <= 1 ? ms : throw ApiException.BadRequest("minScore", "must be a number from 0 to 1")
            : 0;
        var status = q["status"].FirstOrDefault() ?? "open";
        if (status is not ("open" or "dismissed")) throw ApiException.BadRequest("status", "must be open or dismissed");
        var (afterScore, afterId) = Cursor(q["cursor"].FirstOrDefault());
        var schema = await schemas.GetAsync(def, ctx.RequestAborted);

        await using var s = await db.ReadAsync(ctx.RequestAborted);
        var d = s.Dialect;
        var p = new ParameterList();
        var where = $"object = {p.Add(d, ColumnType.Text, def.Name)} AND status = {p.Add(d, ColumnType.Text, status)} AND score >= {p.AddRaw(minScore)}";
        if (afterId is { } after)
            where += $" AND (score < {p.AddRaw(afterScore)} OR (score = {p.AddRaw(afterScore)} AND id > {p.Add(d, ColumnType.Uuid, after)}))";
        var sql = $"SELECT id, score, members, status, created_at FROM duplicate_clusters WHERE {where} ORDER BY score DESC, id LIMIT {limit + 1}";
        var rows = new List<(Guid Id, double Score, JsonObject Members, string Status, DateTime Created)>();
        await using (var reader = await s.Command(sql, p).ExecuteReaderAsync(ctx.RequestAborted))
            while (await reader.ReadAsync(ctx.RequestAborted))
                rows.Add(((Guid)d.Read(reader, 0, ColumnType.Uuid)!, reader.GetDouble(1), (JsonObject)JsonNode.Parse((string)d.Read(reader, 2, ColumnType.Json)!)!,
                    reader.GetString(3), (DateTime)d.Read(reader, 4, ColumnType.Timestamp)!));
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);

        var ids = rows.SelectMany(r => r.Members["members"]!.AsArray().Select(m => Guid.Parse(m!["id"]!.GetValue<string>()))).ToHashSet();
        var records = await RecordStore.GetManyAsync(s, def, ids, ctx.RequestAborted);
        var data = new JsonArray();
        foreach (var row in rows)
        {
            var members = new JsonArray();
            foreach (var member in row.Members["members"]!.AsArray().OfType<JsonObject>())
            {
                var copy = (JsonObject)member.DeepClone();
                copy["record"] = records.TryGetValue(Guid.Parse(member["id"]!.GetValue<string>()), out var r) ? RecordJsonWriter.ToNode(schema, r) : null;
                members.Add(copy);
            }
            data.Add(new JsonObject
            {
                ["id"] = row.Id.ToString(),
                ["object"] = def.Name,
                ["score"] = row.Score,
                // A cluster whose members were merged or deleted meanwhile has nothing left to review.
                ["status"] = members.Count(m => m!["record"] is not null) < 2 && row.Status == "open" ? "resolved" : row.Status,
                ["matchedFields"] = row.Members["matchedFields"]?.DeepClone(),
                ["members"] = members,
                ["createdAt"] = Domain.Records.Timestamps.ToText(row.Created),
            });
        }
        var next = more ? $"{rows[^1].Score.ToString("R", CultureInfo.InvariantCulture)}_{rows[^1].Id}" : null;
        return new NodeResponse(new JsonObject { ["data"] = data, ["nextCursor"] = next }, 200, "duplicates");
    }

    public static async Task<IResult> Check(HttpContext ctx, DuplicateService duplicates)
    {
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        JsonBody.OnlyKnown(body, "object", "records", "threshold");
        var def = ObjectOf(body["object"]);
        if (body["records"] is not JsonArray list) throw ApiException.BadRequest("records", "must be an array of records");
        if (list.Count > MaxCheck) throw ApiException.BadRequest("records", $"at most {MaxCheck} records per check");
        var records = list.Select((r, i) => r as JsonObject ?? throw ApiException.BadRequest($"records[{i}]", "must be an object")).ToList();
        var results = await duplicates.CheckAsync(def, records, Threshold(body["threshold"]), ctx.RequestAborted);
        return new NodeResponse(new JsonObject { ["object"] = def.Name, ["results"] = results }, 200, "check");
    }

    public static async Task<IResult> Dismiss(string id, HttpContext ctx, Database db)
    {
        if (!Guid.TryParse(id, out var clusterId)) throw ApiException.NotFound($"There is no duplicate cluster '{id}'.");
        var found = await db.WriteAsync(async (s, c) =>
        {
            var p = new ParameterList();
            return await s.Command($"UPDATE duplicate_clusters SET status = {p.Add(s.Dialect, ColumnType.Text, "dismissed")} WHERE id = {p.Add(s.Dialect, ColumnType.Uuid, clusterId)}", p)
                .ExecuteNonQueryAsync(c);
        }, ctx.RequestAborted);
        return found == 0 ? throw ApiException.NotFound($"There is no duplicate cluster {clusterId}.") : Results.NoContent();
    }

    private static ObjectDef ObjectOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? StandardObjects.Find(v.GetValue<string>()) ?? throw ApiException.BadRequest("object", $"must be one of {string.Join(", ", StandardObjects.All.Select(o => o.Name))}")
            : throw ApiException.BadRequest("object", "is required (contacts, accounts, ...)");

    private static double? Threshold(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var t) && t is >= 0 and <= 1 => t,
        _ => throw ApiException.BadRequest("threshold", "must be a number from 0 to 1"),
    };

    private static (double Score, Guid? Id) Cursor(string? cursor)
    {
        if (cursor is null) return (0, null);
        var parts = cursor.Split('_');
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var score) && Guid.TryParse(parts[1], out var id)
            ? (score, id)
            : throw ApiException.BadRequest("cursor", "is not a cursor issued by this server");
    }
}
