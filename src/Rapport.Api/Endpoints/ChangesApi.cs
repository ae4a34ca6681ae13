using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Changes;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Records;

namespace Rapport.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/changes</c> (contract §4): every change of every record in commit order, from a
/// cursor. JSON (default) or XML; with <c>Accept: application/cloudevents-batch+json</c> the same page
/// as a CloudEvents batch (the cursor then travels in the <c>X-Next-Cursor</c> header).
/// </summary>
public static class ChangesApi
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static IEndpointRouteBuilder MapChangesApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/changes", ListChanges).WithTags("Changes").RequireAuthorization(Scopes.Read);
        return app;
    }

    public static async Task ListChanges(HttpContext ctx, ChangeFeed feed)
    {
        var q = ctx.Request.Query;
        foreach (var key in q.Keys)
            if (key is not ("since" or "objects" or "limit"))
                throw ApiException.BadRequest(key, "is not a parameter of the change feed; it takes since, objects and limit");
        var since = ParseSince(q["since"]);
        var objects = ParseObjects(q["objects"]);
        var limit = ParseLimit(q["limit"]);
        var cloudEvents = WantsCloudEvents(ctx.Request);
        var format = cloudEvents ? MediaFormat.Json : Negotiation.Accepted(ctx.Request, csvAllowed: false)
            ?? throw new ApiException(406, "Not Acceptable", $"This call can answer in: application/json, application/xml, {ChangeJson.CloudEventsBatchMediaType}.");

        await using var page = await feed.ReadAsync(since, objects, limit, asJson: format == MediaFormat.Json && !cloudEvents, ctx.RequestAborted);
        var next = page.Next.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-Next-Cursor"] = next;
        if (format == MediaFormat.Xml)
        {
            var node = new JsonObject
            {
                ["data"] = new JsonArray([.. page.Changes.Select(c => (JsonNode?)ChangeJson.ToNode(c))]),
                ["nextCursor"] = next,
                ["hasMore"] = page.HasMore,
            };
            await ResponseWriter.WriteNodeAsync(ctx, node, 200, "changes");
            return;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = (cloudEvents ? ChangeJson.CloudEventsBatchMediaType : "application/json") + "; charset=utf-8";
        var body = ctx.Response.BodyWriter;
        if (cloudEvents)
        {
            await using var w = new Utf8JsonWriter(body, WriterOptions);
            w.WriteStartArray();
            foreach (var c in page.Changes) ChangeJson.WriteCloudEvent(w, c);
            w.WriteEndArray();
        }
        else
        {
            // The entries come as JSON, comma-separated, and are streamed as the database reads them: the page is
            // written around them as bytes.
            body.Write("{\"data\":["u8);
            await page.WriteJsonAsync(body, async c => await body.FlushAsync(c), ctx.RequestAborted);
            body.Write("],\"nextCursor\":\""u8);
            body.Write(System.Text.Encoding.ASCII.GetBytes(next));
            body.Write(page.HasMore ? "\",\"hasMore\":true}"u8 : "\",\"hasMore\":false}"u8);
        }
        await body.FlushAsync(ctx.RequestAborted);
    }

    private static long? ParseSince(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var since)
            ? since
            : throw ApiException.BadRequest("since", "must be a cursor of this feed: the nextCursor (or a seq) of an earlier page");
    }

    private static List<string>? ParseObjects(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var names = new List<string>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var def = Domain.Metadata.StandardObjects.Find(name)
                ?? throw ApiException.BadRequest("objects", $"'{name}' is not an object; objects: {string.Join(", ", Domain.Metadata.StandardObjects.All.Select(o => o.Name))}");
            if (!names.Contains(def.Name)) names.Add(def.Name);
        }
        return names;
    }

    private static int ParseLimit(string? text)
    {
        if (string.IsNullOrEmpty(text)) return ChangeFeed.DefaultLimit;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= ChangeFeed.MaxLimit
            ? limit
            : throw ApiException.BadRequest("limit", $"must be a whole number from 1 to {ChangeFeed.MaxLimit}");
    }

    private static bool WantsCloudEvents(HttpRequest request) =>
        request.Headers.Accept.Any(v => v is not null && v.Contains(ChangeJson.CloudEventsBatchMediaType, StringComparison.OrdinalIgnoreCase));
}
